// An integrating application in Node: logs in to Entente's Kafka as entente-integration (SASL/SCRAM-SHA-512),
// publishes survey responses for an open assessment onto entente.survey.responses.v1 (Avro single-object
// encoding), and reads the StageClassified revision they cause from entente.scoring.stages.v1.
//
//   node publish-and-read.mjs <assessmentId> [instrumentVersion]
//
// The login comes from the environment (ENTENTE_KAFKA_LOGIN_INTEGRATION_USERNAME and _PASSWORD, as ./entente up
// keeps them) or else from the stack's secrets file (ENTENTE_HOME, default .entente at the repository's root);
// the broker from ENTENTE_KAFKA_BROKERS (default 127.0.0.1:9092). It publishes ENTENTE_RESPONDENTS (default 3)
// respondents per function, enough to pass the default anonymity threshold: one response alone is never scored.
import { readFileSync, existsSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { decode, encode } from './single-object.mjs';

const RESPONSES = 'entente.survey.responses.v1';
const STAGES = 'entente.scoring.stages.v1';

const [assessmentId, instrumentVersion = '1'] = process.argv.slice(2);
if (!assessmentId) {
  console.error('usage: node publish-and-read.mjs <assessmentId> [instrumentVersion]');
  process.exit(2);
}
const respondents = Number(process.env.ENTENTE_RESPONDENTS ?? 3);
const timeoutMs = Number(process.env.ENTENTE_TIMEOUT_SECONDS ?? 90) * 1000;

// The stack's secrets file: NAME='value' lines.
function kept(name) {
  if (process.env[name]) return process.env[name];
  const home = process.env.ENTENTE_HOME ?? new URL('../../.entente', import.meta.url).pathname;
  const file = `${home}/secrets.env`;
  if (!existsSync(file)) return undefined;
  const line = readFileSync(file, 'utf8').split('\n').find((l) => l.startsWith(`${name}=`));
  return line?.slice(name.length + 1).replace(/^'(.*)'$/, '$1');
}
const username = kept('ENTENTE_KAFKA_LOGIN_INTEGRATION_USERNAME');
const password = kept('ENTENTE_KAFKA_LOGIN_INTEGRATION_PASSWORD');
if (!username || !password) {
  console.error('no integration login: start the stack with ./entente up, or set ENTENTE_KAFKA_LOGIN_INTEGRATION_*');
  process.exit(2);
}

const kafka = new Kafka({
  clientId: 'entente-node-example',
  brokers: (process.env.ENTENTE_KAFKA_BROKERS ?? '127.0.0.1:9092').split(','),
  sasl: { mechanism: 'scram-sha-512', username, password },
  ssl: false,
  // Quiet unless asked (ENTENTE_KAFKAJS_LOG=error, info or debug): failures surface as exceptions anyway.
  logLevel: logLevel[process.env.ENTENTE_KAFKAJS_LOG?.toUpperCase()] ?? logLevel.NOTHING,
});

// Reads first (from the start of the topic, in a group of our own: the login may use groups named integration-*),
// so no revision is missed however fast scoring is.
const consumer = kafka.consumer({ groupId: `integration-node-example-${randomUUID()}` });
await consumer.connect();
await consumer.subscribe({ topic: STAGES, fromBeginning: true });
const expected = 2 * respondents;
const stage = new Promise((resolve) => {
  consumer.run({
    eachMessage: async ({ message }) => {
      if (message.key?.toString() !== assessmentId) return;
      let decoded;
      try {
        decoded = decode(message.value);
      } catch (notOurs) {
        console.error(`skipped a message of ${assessmentId} that does not decode: ${notOurs.message}`);
        return;
      }
      const { event, value } = decoded;
      if (event === 'StageClassified' && value.respondentCount >= expected) resolve(value);
    },
  });
});

// Publishes: Sales and Marketing staff rating every statement 4 (totals of 80: Integrated).
const producer = kafka.producer();
await producer.connect();
const messages = [];
for (const fn of ['SALES', 'MARKETING']) {
  for (let i = 1; i <= respondents; i++) {
    const value = encode('SurveyResponseSubmitted', {
      responseId: randomUUID(),
      assessmentId,
      respondentId: `node-${fn.toLowerCase()}-${i}`,
      function: fn,
      role: 'STAFF',
      instrumentVersion,
      answers: Array(20).fill(4),
      submittedAt: Date.now(),
      source: 'node-example',
    });
    messages.push({ key: assessmentId, value }); // keyed by assessmentId, as the contract says
  }
}
await producer.send({ topic: RESPONSES, messages });
console.log(`published ${messages.length} responses for ${assessmentId} onto ${RESPONSES} as ${username}`);

// The login may not write what it has no business writing: a stage revision of its own is refused.
try {
  await producer.send({ topic: STAGES, messages: [{ key: assessmentId, value: Buffer.from('forged') }] });
  console.error(`the broker let ${username} write ${STAGES}`);
  process.exitCode = 1;
} catch (refused) {
  console.log(`refused, as it should be: writing ${STAGES} (${refused.type ?? refused.message})`);
}

const timeout = new Promise((resolve) => setTimeout(resolve, timeoutMs, null));
const classified = await Promise.race([stage, timeout]);
if (classified) {
  console.log(`StageClassified ${assessmentId}: stage ${classified.stage}, score ${classified.score}, `
    + `revision ${classified.revision}, ${classified.respondentCount} respondents`);
} else {
  console.error(`no StageClassified for ${assessmentId} on ${STAGES} within ${timeoutMs / 1000} s`);
  process.exitCode = 1;
}
await Promise.allSettled([producer.disconnect(), consumer.disconnect()]);
