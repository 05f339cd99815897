// Decode one Entente message value saved from any Kafka client: node decode.mjs message.bin
import { readFileSync } from 'node:fs';
import { decode, toJson } from './single-object.mjs';

if (!process.argv[2]) {
  console.error('usage: node decode.mjs <file holding one message value>');
  process.exit(2);
}
console.log(toJson(decode(readFileSync(process.argv[2]))));
