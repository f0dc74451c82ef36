export function rendererStale(root: string): boolean;
export function buildRenderer(root: string, quiet?: boolean): boolean;
export const CONTENT_TYPES: Readonly<Record<string, string>>;
