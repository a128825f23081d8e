import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setErrorReplies } from '../../../src/error-replies.ts';
import { readUpload, registerUploads } from '../../../src/http/rest/uploads.ts';
import { wavFile } from '../../helpers/audio.ts';
import { multipartBody } from '../../helpers/multipart.ts';

describe('multipart uploads under /api', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = Fastify();
    app.decorate('config', { media: { maxUploadBytes: 4096 } } as never);
    setErrorReplies(app);
    await registerUploads(app);
    app.post('/upload', async (request) => {
      const { file, fields } = await readUpload(request);
      return { fields, file: file && { field: file.field, fileName: file.fileName, mimeType: file.mimeType, size: file.bytes.length } };
    });
    await app.ready();
  });
  afterAll(() => app.close());

  it('reads one file and the text fields', async () => {
    const form = new FormData();
    form.append('greeting_name', 'Office hours');
    form.append('file', new Blob([new Uint8Array(wavFile({ seconds: 0.1 }))], { type: 'audio/wav' }), 'hello.wav');
    const res = await app.inject({ method: 'POST', url: '/upload', ...(await multipartBody(form)) });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ fields: { greeting_name: 'Office hours' }, file: { field: 'file', fileName: 'hello.wav', mimeType: 'audio/wav', size: 44 + 1600 } });
  });

  it('refuses a file over the limit with 413 in the error envelope', async () => {
    const form = new FormData();
    form.append('file', new Blob([Buffer.alloc(5000)]), 'big.wav');
    const res = await app.inject({ method: 'POST', url: '/upload', ...(await multipartBody(form)) });
    expect(res.statusCode).toBe(413);
    expect(res.json().error).toMatchObject({ code: 413, reason: 'PAYLOAD_TOO_LARGE', message: 'The file is larger than 4096 bytes' });
  });

  it('refuses a second file with 413', async () => {
    const form = new FormData();
    form.append('a', new Blob([Buffer.alloc(10)]), 'a.wav');
    form.append('b', new Blob([Buffer.alloc(10)]), 'b.wav');
    const res = await app.inject({ method: 'POST', url: '/upload', ...(await multipartBody(form)) });
    expect(res.statusCode).toBe(413);
  });

  it('refuses JSON with 415 and a broken body with 400', async () => {
    const json = await app.inject({ method: 'POST', url: '/upload', payload: { file: 'x' } });
    expect(json.statusCode).toBe(415);
    expect(json.json().error.reason).toBe('UNSUPPORTED_MEDIA_TYPE');
    const broken = await app.inject({ method: 'POST', url: '/upload', payload: '--x\r\nContent-Disposition: form-data; name="a"\r\n', headers: { 'content-type': 'multipart/form-data; boundary=x' } });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().error.message).toBe('The multipart/form-data body is malformed');
  });
});
