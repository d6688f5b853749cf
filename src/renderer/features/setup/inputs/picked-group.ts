export type PickedGroup = { id: string; name: string };
