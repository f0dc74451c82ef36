// The Export menu and its file builders (R1 places <ExportMenu> in the toolbar).
export { ExportMenu, type ExportMenuProps } from './export-menu.tsx';
export {
  buildExport,
  EXPORT_KINDS,
  type ExportKind,
  type ExportFile,
  type ReadFrames,
} from './export-files.ts';
export { serializeLadderSvg, svgToPng, findLadderSvg } from './svg-export.ts';
export { downloadBlob, exportName } from './download.ts';
