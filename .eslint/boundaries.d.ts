// Types for the lint-boundary test, which imports the zone list to prove each one is enforced.
export declare const zones: ReadonlyArray<{ name: string; message: string }>;
export declare const boundariesPlugin: { rules: Record<string, unknown> };
