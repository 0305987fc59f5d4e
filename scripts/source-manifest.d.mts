/** Every file under `directory` as sorted "path<TAB>size<TAB>mtime" lines (see source-manifest.mjs). */
export function sourceManifest(directory: string): string;
