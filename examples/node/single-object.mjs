// Entente's message values, in any direction, with nothing but the .avsc files kept in schemas/: Avro single-object
// encoding (C3 01, the writer schema's CRC-64-AVRO fingerprint little-endian, the Avro binary body).
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import avro from 'avsc';

// CRC-64-AVRO of a schema's Parsing Canonical Form, as the Avro specification defines it.
const EMPTY = 0xc15d213aa4d7a795n;
const TABLE = Array.from({ length: 256 }, (_, i) => {
  let fp = BigInt(i);
  for (let j = 0; j < 8; j++) fp = (fp >> 1n) ^ (EMPTY & -(fp & 1n));
  return fp;
});
const crc64 = (text) => {
  let fp = EMPTY;
  for (const byte of Buffer.from(text, 'utf8')) fp = (fp >> 8n) ^ TABLE[Number((fp ^ BigInt(byte)) & 0xffn)];
  return fp;
};

// Every kept version of every event, by fingerprint, and the newest version of each event by its name.
const history = new URL('../../schemas/src/main/resources/org/entente/schemas/history', import.meta.url).pathname;
const byFingerprint = new Map();
const newest = new Map();
for (const event of readdirSync(history)) {
  let latest = { version: 0 };
  for (const file of readdirSync(join(history, event))) {
    const type = avro.Type.forSchema(JSON.parse(readFileSync(join(history, event, file), 'utf8')));
    const fingerprint = crc64(JSON.stringify(type.schema()));
    byFingerprint.set(fingerprint, type);
    const version = Number(file.replace(/^v(\d+)\.avsc$/, '$1'));
    if (version > latest.version) latest = { version, type, fingerprint };
  }
  newest.set(event, latest);
}

/**
 * The event's name ('StageClassified', without the namespace, as encode takes it) and value of a message value (a
 * Buffer), decoded with the schema it was written with.
 */
export function decode(bytes) {
  if (bytes[0] !== 0xc3 || bytes[1] !== 0x01) throw new Error('not single-object encoded');
  const type = byFingerprint.get(bytes.readBigUInt64LE(2));
  if (!type) throw new Error('unknown schema fingerprint');
  return { event: type.name.split('.').pop(), value: type.fromBuffer(bytes.subarray(10)) };
}

/** A message value for an event ('SurveyResponseSubmitted', ...), written with the newest kept schema of it. */
export function encode(event, value) {
  const schema = newest.get(event);
  if (!schema) throw new Error(`no kept schema for ${event}`);
  const header = Buffer.alloc(10);
  header[0] = 0xc3;
  header[1] = 0x01;
  header.writeBigUInt64LE(schema.fingerprint, 2);
  return Buffer.concat([header, schema.type.toBuffer(value)]);
}

/** JSON.stringify for decoded values: Avro longs may come back as BigInt. */
export const toJson = (value) => JSON.stringify(value, (k, v) => (typeof v === 'bigint' ? v.toString() : v), 2);
