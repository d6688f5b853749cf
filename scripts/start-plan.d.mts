export interface StartStep {
  command: string;
  args: string[];
  options: { stdio: 'inherit'; shell: false };
}
export function startPlan(opts: { electronAvailable: boolean; args: string[] }): StartStep[];
