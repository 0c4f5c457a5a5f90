/** A report to download: its file name (ASCII), media type and bytes. */
export interface ReportFile {
  fileName: string;
  contentType: string;
  body: Buffer;
}
