// Validates the Kustomize base in deploy/ without a cluster: every resource the kustomization lists is checked
// against the Kubernetes API's JSON schema for its kind (the schemas kubernetes-models is generated from), then
// against the rules our services need (probes on the actuator endpoints, resources, config from the ConfigMap
// and Secret, Kafka Streams state on an emptyDir). It does not run kustomize itself: patches and generators
// are not expanded, so the base keeps to plain resources.
//
//   node validate.mjs <deploy dir>          exit 1 and a list of problems when anything is wrong
//   node validate.mjs --self-test           proves the checks reject broken manifests
import { readFileSync, statSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { parseAllDocuments } from 'yaml';

const SERVICES = {
  'survey-service': { port: 8081, kind: 'Deployment' },
  'scoring-service': { port: 8082, kind: 'StatefulSet' },
  'advice-service': { port: 8083, kind: 'StatefulSet' },
  'funnel-service': { port: 8084, kind: 'StatefulSet' },
};

function modulePath(apiVersion) {
  // "v1" -> kubernetes-models/v1, "apps/v1" -> kubernetes-models/apps/v1
  return `kubernetes-models/${apiVersion}`;
}

async function schemaProblems(resource) {
  const where = `${resource.kind}/${resource.metadata?.name}`;
  if (!resource.apiVersion || !resource.kind) return [`${where}: apiVersion and kind are required`];
  let api;
  try {
    api = await import(modulePath(resource.apiVersion));
  } catch {
    return [`${where}: unknown apiVersion ${resource.apiVersion}`];
  }
  const Model = api[resource.kind];
  if (!Model) return [`${where}: ${resource.apiVersion} has no kind ${resource.kind}`];
  try {
    new Model(resource).validate();
    return [];
  } catch (e) {
    return [`${where}: ${e.message}`];
  }
}

// Secrets the operator creates (README "Security"); the manifests reference them and never carry them.
const OPERATOR_SECRETS = new Set(['entente-credentials']);

function ruleProblems(resources) {
  const problems = [];
  const byKey = new Map(resources.map((r) => [`${r.kind}/${r.metadata?.name}`, r]));
  for (const [name, expected] of Object.entries(SERVICES)) {
    const workload = byKey.get(`${expected.kind}/${name}`);
    if (!workload) { problems.push(`${name}: no ${expected.kind}`); continue; }
    const pod = workload.spec?.template?.spec ?? {};
    const container = (pod.containers ?? []).find((c) => c.name === name);
    if (!container) { problems.push(`${name}: no container named ${name}`); continue; }
    const httpPort = (container.ports ?? []).find((p) => p.name === 'http');
    if (httpPort?.containerPort !== expected.port) problems.push(`${name}: container port http must be ${expected.port}`);
    const env = Object.fromEntries((container.env ?? []).map((e) => [e.name, e.value]));
    if (env.SERVER_PORT !== String(expected.port)) problems.push(`${name}: SERVER_PORT must be "${expected.port}"`);
    for (const [probe, path] of [['livenessProbe', '/actuator/health/liveness'], ['readinessProbe', '/actuator/health/readiness']]) {
      if (container[probe]?.httpGet?.path !== path) problems.push(`${name}: ${probe} must GET ${path}`);
    }
    for (const bound of ['requests', 'limits']) {
      if (!container.resources?.[bound]?.cpu || !container.resources?.[bound]?.memory) {
        problems.push(`${name}: resources.${bound} needs cpu and memory`);
      }
    }
    const refs = (container.envFrom ?? []).map((s) => s.configMapRef?.name ?? s.secretRef?.name);
    for (const ref of refs) {
      if (OPERATOR_SECRETS.has(ref)) continue;
      if (!byKey.has(`ConfigMap/${ref}`) && !byKey.has(`Secret/${ref}`)) problems.push(`${name}: envFrom ${ref} does not exist`);
    }
    // The credentials are never in the repository: the operator creates that Secret, and every service needs it.
    for (const secret of OPERATOR_SECRETS) {
      const ref = (container.envFrom ?? []).find((s) => s.secretRef?.name === secret);
      if (!ref) problems.push(`${name}: envFrom must include the Secret ${secret}`);
      else if (ref.secretRef.optional) problems.push(`${name}: the Secret ${secret} must not be optional`);
      if (byKey.has(`Secret/${secret}`)) problems.push(`the Secret ${secret} holds credentials and must not be in deploy/`);
    }
    if (!(container.envFrom ?? []).some((s) => s.configMapRef) || !(container.envFrom ?? []).some((s) => s.secretRef)) {
      problems.push(`${name}: configuration comes from a ConfigMap and a Secret`);
    }
    if (expected.kind === 'StatefulSet') {
      const stateDir = env.ENTENTE_STATE_DIR;
      const mount = (container.volumeMounts ?? []).find((m) => m.mountPath === stateDir);
      const volume = (pod.volumes ?? []).find((v) => v.name === mount?.name);
      if (!stateDir || !volume?.emptyDir) problems.push(`${name}: ENTENTE_STATE_DIR must be an emptyDir mount`);
      if (!byKey.has(`Service/${workload.spec.serviceName}`)) problems.push(`${name}: serviceName ${workload.spec.serviceName} has no Service`);
    }
    const service = byKey.get(`Service/${name}`);
    const selector = service?.spec?.selector ?? {};
    const labels = workload.spec?.template?.metadata?.labels ?? {};
    if (!service || !Object.entries(selector).every(([k, v]) => labels[k] === v) || Object.keys(selector).length === 0) {
      problems.push(`${name}: no Service selecting its pods`);
    }
  }
  return problems;
}

function loadKustomization(dir, seen = new Set()) {
  const file = join(dir, 'kustomization.yaml');
  const kustomization = parseAllDocuments(readFileSync(file, 'utf8'))[0].toJS();
  const resources = [];
  for (const entry of kustomization.resources ?? []) {
    const path = join(dir, entry);
    if (seen.has(path)) continue;
    seen.add(path);
    if (statSync(path).isDirectory()) {
      resources.push(...loadKustomization(path, seen));
    } else {
      for (const doc of parseAllDocuments(readFileSync(path, 'utf8'))) {
        if (doc.errors.length) throw new Error(`${path}: ${doc.errors[0].message}`);
        const resource = doc.toJS();
        if (resource) resources.push(resource);
      }
    }
  }
  return resources;
}

export async function problemsIn(resources) {
  const problems = [];
  for (const resource of resources) problems.push(...(await schemaProblems(resource)));
  problems.push(...ruleProblems(resources));
  return problems;
}

async function selfTest(deployDir) {
  const good = loadKustomization(deployDir);
  const broken = [
    ['a port that is not a number', (r) => { r.find((x) => x.kind === 'Deployment').spec.template.spec.containers[0].ports[0].containerPort = 'http'; }],
    ['a missing selector', (r) => { delete r.find((x) => x.kind === 'StatefulSet').spec.selector; }],
    ['a liveness probe on the wrong path', (r) => { r.find((x) => x.kind === 'Deployment').spec.template.spec.containers[0].livenessProbe.httpGet.path = '/health'; }],
    ['a service without the credentials Secret', (r) => { const c = r.find((x) => x.kind === 'StatefulSet').spec.template.spec.containers[0]; c.envFrom = c.envFrom.filter((s) => s.secretRef?.name !== 'entente-credentials'); }],
    ['credentials committed as a Secret', (r) => { r.push({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'entente-credentials' }, stringData: { ENTENTE_API_TOKEN: 'x' } }); }],
    ['an unknown kind', (r) => { r.push({ apiVersion: 'apps/v1', kind: 'Deploymint', metadata: { name: 'x' } }); }],
  ];
  let failures = 0;
  for (const [what, breakIt] of broken) {
    const copy = structuredClone(good);
    breakIt(copy);
    const found = await problemsIn(copy);
    console.log(`${found.length ? 'rejected' : 'ACCEPTED'}: ${what}${found.length ? ` (${found[0]})` : ''}`);
    if (!found.length) failures++;
  }
  return failures;
}

const args = process.argv.slice(2);
const here = dirname(new URL(import.meta.url).pathname);
if (args[0] === '--self-test') {
  const failures = await selfTest(args[1] ?? join(here, '..'));
  process.exit(failures ? 1 : 0);
} else {
  const dir = args[0] ?? join(here, '..');
  const resources = loadKustomization(dir);
  const problems = await problemsIn(resources);
  for (const p of problems) console.error(`invalid: ${p}`);
  console.log(`${resources.length} resources in ${dir}: ${problems.length ? `${problems.length} problems` : 'valid'}`);
  process.exit(problems.length ? 1 : 0);
}
