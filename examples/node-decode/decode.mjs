// Decode one Entente message with nothing but the .avsc files kept in schemas/.
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

// Every kept version of every event, by fingerprint.
const history = new URL('../../schemas/src/main/resources/org/entente/schemas/history', import.meta.url).pathname;
const byFingerprint = new Map();
for (const event of readdirSync(history)) {
  for (const file of readdirSync(join(history, event))) {
    const type = avro.Type.forSchema(JSON.parse(readFileSync(join(history, event, file), 'utf8')));
    byFingerprint.set(crc64(JSON.stringify(type.schema())), type);
  }
}

export function decode(bytes) {
  if (bytes[0] !== 0xc3 || bytes[1] !== 0x01) throw new Error('not single-object encoded');
  const type = byFingerprint.get(bytes.readBigUInt64LE(2));
  if (!type) throw new Error('unknown schema fingerprint');
  return { event: type.name, value: type.fromBuffer(bytes.subarray(10)) };
}

// Try it on a saved message value: node decode.mjs message.bin
if (process.argv[2]) console.log(JSON.stringify(decode(readFileSync(process.argv[2])), (k, v) => (typeof v === "bigint" ? v.toString() : v), 2));
