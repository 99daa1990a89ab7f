import { accepted, type InputCase, postBase64, postForm, postJson, refused } from './input-case.js';

const ann = JSON.stringify({ email: 'ann@example.com' });
const maxBodyBytes = 16 * 1024;

/** A JSON signup padded with an ignored field to exactly `bytes` bytes of UTF-8. */
function paddedJson(bytes: number, padCharacter = 'x'): string {
  const empty = JSON.stringify({ email: 'ann@example.com', padding: '' });
  const padBytes = Buffer.byteLength(padCharacter);
  return JSON.stringify({
    email: 'ann@example.com',
    padding: padCharacter.repeat((bytes - empty.length) / padBytes),
  });
}

/** JSON syntax and shapes. */
export const jsonCases: InputCase[] = [
  refused('truncated JSON', postJson('{"email": "ann@example.com"'), 400, 'malformed-body'),
  refused('JSON with trailing garbage', postJson(`${ann} x`), 400, 'malformed-body'),
  refused(
    'single-quoted pseudo-JSON',
    postJson("{'email': 'ann@example.com'}"),
    400,
    'malformed-body',
  ),
  refused(
    'bytes that are not UTF-8',
    postBase64(Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d])),
    400,
    'malformed-body',
  ),
  refused('a JSON array', postJson([{ email: 'ann@example.com' }]), 400, 'invalid-body'),
  refused('a JSON string', postJson('"ann@example.com"'), 400, 'invalid-body'),
  refused('JSON null', postJson('null'), 400, 'invalid-body'),
  refused('a JSON number', postJson('42'), 400, 'invalid-body'),
  refused(
    'arrays nested 5000 deep',
    postJson(`${'['.repeat(5000)}${']'.repeat(5000)}`),
    400,
    'invalid-body',
  ),
  refused('an empty object', postJson({}), 400, 'invalid-field'),
  refused('email null', postJson({ email: null }), 400, 'invalid-field'),
  refused('email a number', postJson({ email: 42 }), 400, 'invalid-field'),
  refused('email an array', postJson({ email: ['ann@example.com'] }), 400, 'invalid-field'),
  refused(
    'email an object',
    postJson({ email: { address: 'ann@example.com' } }),
    400,
    'invalid-field',
  ),
  refused('name a number', postJson({ email: 'ann@example.com', name: 7 }), 400, 'invalid-field'),
  refused(
    'Email spelled with a capital',
    postJson({ Email: 'ann@example.com' }),
    400,
    'invalid-field',
  ),
  accepted('name null', postJson({ email: 'ann@example.com', name: null }), 'ann@example.com'),
  accepted(
    'unknown extra fields',
    postJson({ email: 'ann@example.com', admin: true, tags: ['x'] }),
    'ann@example.com',
  ),
  accepted(
    'a duplicate key (the last one wins, as JSON.parse does)',
    postJson('{"email":"x","email":"ann@example.com"}'),
    'ann@example.com',
  ),
  accepted(
    'a __proto__ member',
    postJson('{"__proto__":{"email":"eve@example.com"},"email":"ann@example.com"}'),
    'ann@example.com',
  ),
  accepted(
    'a UTF-8 byte order mark',
    postBase64(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(ann)])),
    'ann@example.com',
  ),
];

/** Content types. */
export const contentTypeCases: InputCase[] = [
  refused(
    'no Content-Type',
    { ...postJson(ann), headers: { host: 'api.example.com' } },
    415,
    'unsupported-media-type',
  ),
  refused(
    'text/plain',
    postJson(ann, { 'content-type': 'text/plain' }),
    415,
    'unsupported-media-type',
  ),
  refused(
    'application/xml',
    postJson(ann, { 'content-type': 'application/xml' }),
    415,
    'unsupported-media-type',
  ),
  refused(
    'multipart/form-data',
    postJson(ann, { 'content-type': 'multipart/form-data; boundary=x' }),
    415,
    'unsupported-media-type',
  ),
  refused(
    'application/jsonx (a prefix is not a match)',
    postJson(ann, { 'content-type': 'application/jsonx' }),
    415,
    'unsupported-media-type',
  ),
  refused(
    'application/json-patch+json',
    postJson(ann, { 'content-type': 'application/json-patch+json' }),
    415,
    'unsupported-media-type',
  ),
  refused(
    'a Latin-1 charset',
    postJson(ann, { 'content-type': 'application/json; charset=iso-8859-1' }),
    415,
    'unsupported-media-type',
  ),
  accepted(
    'application/json; charset=utf-8',
    postJson(ann, { 'content-type': 'application/json; charset=utf-8' }),
    'ann@example.com',
  ),
  accepted(
    'Application/JSON; Charset="UTF-8"',
    postJson(ann, { 'content-type': 'Application/JSON; Charset="UTF-8"' }),
    'ann@example.com',
  ),
  accepted(
    'a form with + for spaces and percent-encoding',
    postForm('email=ann%2Bnews%40example.com&name=Ann+Lee'),
    'ann+news@example.com',
    'Ann Lee',
  ),
  accepted(
    'a form with an empty name and a submit button',
    postForm('email=ann%40example.com&name=&submit=Sign+up'),
    'ann@example.com',
  ),
  refused('a form without email', postForm('name=Ann'), 400, 'invalid-field'),
  refused(
    'a form giving email twice',
    postForm('email=ann%40example.com&email=eve%40example.com'),
    400,
    'invalid-field',
  ),
  refused(
    'a form whose name is not UTF-8 (%FF)',
    postForm('email=ann%40example.com&name=%FF'),
    400,
    'invalid-field',
  ),
];

/** Body sizes (settings.api.maxBodyBytes = 16 KiB), counted in bytes after base64 decoding. */
export const sizeCases: InputCase[] = [
  accepted('exactly 16 KiB', postJson(paddedJson(maxBodyBytes)), 'ann@example.com'),
  accepted(
    'exactly 16 KiB, base64-encoded',
    postBase64(Buffer.from(paddedJson(maxBodyBytes))),
    'ann@example.com',
  ),
  refused('16 KiB + 1 byte', postJson(paddedJson(maxBodyBytes + 1)), 413, 'payload-too-large'),
  refused(
    '16 KiB + 1 byte, base64-encoded',
    postBase64(Buffer.from(paddedJson(maxBodyBytes + 1))),
    413,
    'payload-too-large',
  ),
  refused(
    'under 16 Ki characters but over 16 KiB of UTF-8',
    postJson(paddedJson(maxBodyBytes + 2, 'é')),
    413,
    'payload-too-large',
  ),
  refused('1 MiB', postJson('x'.repeat(1024 * 1024)), 413, 'payload-too-large'),
  refused(
    '1 MiB of the wrong content type',
    postJson('x'.repeat(1024 * 1024), { 'content-type': 'text/plain' }),
    413,
    'payload-too-large',
  ),
];
