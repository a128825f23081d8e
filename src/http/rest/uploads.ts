// File uploads (greetings, music on hold) as multipart/form-data: one file and a few text fields,
// read whole into memory within UPLOAD_MAX_BYTES. What the file really is, the service decides
// from its bytes (domain/media/audio-format.ts), never from the name or type the browser sent.
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError, badRequest } from '../../errors.ts';

export interface UploadedFile {
  /** The form field that carried it. */
  field: string;
  fileName: string;
  mimeType: string;
  bytes: Buffer;
}

export interface Upload {
  file: UploadedFile | null;
  /** The text fields, by name (the last one wins when a name repeats). */
  fields: Record<string, string>;
}

const LIMIT_CODES = new Set(['FST_REQ_FILE_TOO_LARGE', 'FST_FILES_LIMIT', 'FST_PARTS_LIMIT', 'FST_FIELDS_LIMIT']);

/** Lets the REST routes read multipart bodies (registered once, under /api). */
export async function registerUploads(app: FastifyInstance): Promise<void> {
  await app.register(multipart, {
    limits: { fileSize: app.config.media.maxUploadBytes, files: 1, fields: 32, fieldSize: 64 * 1024, parts: 33, headerPairs: 100 },
  });
}

export async function readUpload(request: FastifyRequest): Promise<Upload> {
  if (!request.isMultipart()) throw new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the file as multipart/form-data');
  const fields: [string, string][] = [];
  let file: UploadedFile | null = null;
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        file = { field: part.fieldname, fileName: part.filename, mimeType: part.mimetype, bytes: await part.toBuffer() };
      } else {
        fields.push([part.fieldname, String(part.value)]);
      }
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    const code = (err as { code?: string }).code ?? '';
    if (LIMIT_CODES.has(code)) {
      const max = request.server.config.media.maxUploadBytes;
      throw new AppError(413, 'PAYLOAD_TOO_LARGE', code === 'FST_REQ_FILE_TOO_LARGE' ? `The file is larger than ${max} bytes` : 'An upload carries one file and at most 32 fields');
    }
    throw badRequest('The multipart/form-data body is malformed');
  }
  return { file, fields: Object.fromEntries(fields) };
}
