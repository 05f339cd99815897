// Validates the Kustomize base in deploy/ without a cluster: every resource the kustomization lists is checked
// against the Kubernetes API's JSON schema for its kind (the schemas kubernetes-models is generated from), then
// against the rules our services need (probes on the actuator endpoints, resources, config from the ConfigMap
// and Secret, Kafka Streams state on an emptyDir). It does not run kustomize itself: the base keeps to plain
// resources. Then the base once more with each Kustomize component in deploy/components/ applied: the component's
// resources are added and its patches merged the way kustomize's strategic merge does for what our patches use
// (maps merged, lists of named items merged by name). Strimzi's resources have no schema in kubernetes-models:
// a KafkaUser is checked against the small schema below (kinds, required fields, enums of Strimzi's v1beta2 API),
// and against our rules (each service logs in as its own KafkaUser, no grant on everything). The Prometheus
// Operator's ServiceMonitor and PrometheusRule likewise (small schema below), with our rules: every service scraped
// once with the admin token from its Secret, every alert scoped to part_of="entente" with a severity, and every
// metric the alerts and the Grafana dashboard read one that the services really expose (EXPOSED).
//
//   node validate.mjs <deploy dir>          exit 1 and a list of problems when anything is wrong
//   node validate.mjs --self-test           proves the checks reject broken manifests
//   node validate.mjs --rule-groups <file>  prints the groups of the PrometheusRules in <file> as a Prometheus
//                                           rules file, for promtool (test-rules.sh)
//   node validate.mjs --dashboard-queries <json>  prints the dashboard's queries as recording rules, for promtool
//                                           to parse (test-rules.sh)
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, dirname, relative } from 'node:path';
import { spawnSync } from 'node:child_process';
import { parseAllDocuments, stringify } from 'yaml';

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

// Strimzi's KafkaUser (kafka.strimzi.io/v1beta2), the fields we use: required ones, and the enums of its API.
const STRIMZI = {
  authentication: ['scram-sha-512', 'tls', 'tls-external'],
  authorization: ['simple'],
  resourceTypes: ['topic', 'group', 'cluster', 'transactionalId'],
  patternTypes: ['literal', 'prefix'],
  operations: ['Read', 'Write', 'Create', 'Delete', 'Alter', 'Describe', 'ClusterAction', 'AlterConfigs',
    'DescribeConfigs', 'IdempotentWrite', 'All'],
  aclTypes: ['allow', 'deny'],
};

function strimziProblems(resource) {
  const where = `${resource.kind}/${resource.metadata?.name}`;
  if (resource.apiVersion !== 'kafka.strimzi.io/v1beta2' || resource.kind !== 'KafkaUser') {
    return [`${where}: only KafkaUser of kafka.strimzi.io/v1beta2 is known, not ${resource.kind} of ${resource.apiVersion}`];
  }
  const problems = [];
  const oneOf = (value, allowed, field) => {
    if (!allowed.includes(value)) problems.push(`${where}: ${field} must be one of ${allowed.join(', ')}, not ${value}`);
  };
  if (!resource.metadata?.name) problems.push(`${where}: metadata.name is required`);
  if (!resource.metadata?.labels?.['strimzi.io/cluster']) problems.push(`${where}: the label strimzi.io/cluster names the Kafka cluster`);
  oneOf(resource.spec?.authentication?.type, STRIMZI.authentication, 'spec.authentication.type');
  const authorization = resource.spec?.authorization;
  if (authorization) {
    oneOf(authorization.type, STRIMZI.authorization, 'spec.authorization.type');
    if (!Array.isArray(authorization.acls)) problems.push(`${where}: spec.authorization.acls must be a list`);
    (authorization.acls ?? []).forEach((acl, i) => {
      const at = `spec.authorization.acls[${i}]`;
      oneOf(acl.resource?.type, STRIMZI.resourceTypes, `${at}.resource.type`);
      if (acl.resource?.type !== 'cluster' && typeof acl.resource?.name !== 'string') problems.push(`${where}: ${at}.resource.name is required`);
      if (acl.resource?.patternType !== undefined) oneOf(acl.resource.patternType, STRIMZI.patternTypes, `${at}.resource.patternType`);
      if (acl.type !== undefined) oneOf(acl.type, STRIMZI.aclTypes, `${at}.type`);
      if (!Array.isArray(acl.operations) || acl.operations.length === 0) problems.push(`${where}: ${at}.operations must be a non-empty list`);
      else acl.operations.forEach((op) => oneOf(op, STRIMZI.operations, `${at}.operations`));
    });
  }
  return problems;
}

// The Prometheus Operator's ServiceMonitor and PrometheusRule (monitoring.coreos.com/v1), the fields we use: required
// ones, the enums and the duration pattern of its CRDs.
const MONITORING = {
  duration: /^(0|(([0-9]+)y)?(([0-9]+)w)?(([0-9]+)d)?(([0-9]+)h)?(([0-9]+)m)?(([0-9]+)s)?(([0-9]+)ms)?)$/,
  schemes: ['http', 'https'],
  operators: ['In', 'NotIn', 'Exists', 'DoesNotExist'],
  actions: ['replace', 'keep', 'drop', 'keepequal', 'dropequal', 'hashmod', 'labelmap', 'labeldrop', 'labelkeep',
    'lowercase', 'uppercase', 'Replace', 'Keep', 'Drop', 'KeepEqual', 'DropEqual', 'HashMod', 'LabelMap', 'LabelDrop',
    'LabelKeep', 'Lowercase', 'Uppercase'],
  alertName: /^[a-zA-Z_][a-zA-Z0-9_]*$/,
};

function monitoringProblems(resource) {
  const where = `${resource.kind}/${resource.metadata?.name}`;
  const known = ['ServiceMonitor', 'PrometheusRule'];
  if (resource.apiVersion !== 'monitoring.coreos.com/v1' || !known.includes(resource.kind)) {
    return [`${where}: only ${known.join(' and ')} of monitoring.coreos.com/v1 are known, not ${resource.kind} of ${resource.apiVersion}`];
  }
  const problems = [];
  const need = (ok, what) => { if (!ok) problems.push(`${where}: ${what}`); };
  const duration = (value, field) => need(value === undefined || MONITORING.duration.test(String(value)), `${field} must be a duration like 30s or 5m, not ${value}`);
  const stringMap = (map, field) => need(map === undefined || (typeof map === 'object' && !Array.isArray(map)
    && Object.values(map).every((v) => typeof v === 'string')), `${field} must map names to strings`);
  need(typeof resource.metadata?.name === 'string', 'metadata.name is required');
  const spec = resource.spec ?? {};
  if (resource.kind === 'ServiceMonitor') {
    const selector = spec.selector;
    need(selector && typeof selector === 'object', 'spec.selector is required');
    stringMap(selector?.matchLabels, 'spec.selector.matchLabels');
    (selector?.matchExpressions ?? []).forEach((e, i) => {
      need(typeof e.key === 'string' && MONITORING.operators.includes(e.operator), `spec.selector.matchExpressions[${i}] needs a key and an operator of ${MONITORING.operators.join(', ')}`);
      if (['In', 'NotIn'].includes(e.operator)) need(Array.isArray(e.values) && e.values.length > 0, `spec.selector.matchExpressions[${i}].values must be a non-empty list`);
    });
    need(Array.isArray(spec.endpoints) && spec.endpoints.length > 0, 'spec.endpoints must be a non-empty list');
    (spec.endpoints ?? []).forEach((e, i) => {
      const at = `spec.endpoints[${i}]`;
      need(typeof e.port === 'string' || e.targetPort !== undefined, `${at} needs a port name or a targetPort`);
      need(e.path === undefined || String(e.path).startsWith('/'), `${at}.path must start with /`);
      need(e.scheme === undefined || MONITORING.schemes.includes(e.scheme), `${at}.scheme must be http or https`);
      duration(e.interval, `${at}.interval`);
      duration(e.scrapeTimeout, `${at}.scrapeTimeout`);
      if (e.authorization) {
        need(typeof e.authorization.credentials?.name === 'string' && typeof e.authorization.credentials?.key === 'string',
          `${at}.authorization.credentials needs the name and key of a Secret`);
      }
      (e.relabelings ?? []).forEach((r, j) => {
        need(r.action === undefined || MONITORING.actions.includes(r.action), `${at}.relabelings[${j}].action ${r.action} is not a relabeling action`);
        need(r.sourceLabels === undefined || (Array.isArray(r.sourceLabels) && r.sourceLabels.every((l) => typeof l === 'string')),
          `${at}.relabelings[${j}].sourceLabels must be a list of label names`);
      });
    });
  } else {
    need(Array.isArray(spec.groups) && spec.groups.length > 0, 'spec.groups must be a non-empty list');
    const names = new Set();
    (spec.groups ?? []).forEach((g, i) => {
      const at = `spec.groups[${i}]`;
      need(typeof g.name === 'string' && !names.has(g.name), `${at}.name must be a name no other group has`);
      names.add(g.name);
      duration(g.interval, `${at}.interval`);
      need(Array.isArray(g.rules) && g.rules.length > 0, `${at}.rules must be a non-empty list`);
      (g.rules ?? []).forEach((r, j) => {
        const rule = `${at}.rules[${j}]`;
        need((r.alert === undefined) !== (r.record === undefined), `${rule} needs exactly one of alert and record`);
        if (r.alert !== undefined) need(MONITORING.alertName.test(r.alert), `${rule}.alert must be a name like EntenteConsumerLag`);
        need((typeof r.expr === 'string' && r.expr.trim() !== '') || typeof r.expr === 'number', `${rule}.expr is required`);
        duration(r.for, `${rule}.for`);
        stringMap(r.labels, `${rule}.labels`);
        stringMap(r.annotations, `${rule}.annotations`);
        if (r.record !== undefined) need(r.for === undefined && r.annotations === undefined, `${rule}: a recording rule has no for or annotations`);
      });
    });
  }
  return problems;
}

async function schemaProblems(resource) {
  const where = `${resource.kind}/${resource.metadata?.name}`;
  if (!resource.apiVersion || !resource.kind) return [`${where}: apiVersion and kind are required`];
  if (resource.apiVersion.startsWith('kafka.strimzi.io/')) return strimziProblems(resource);
  if (resource.apiVersion.startsWith('monitoring.coreos.com/')) return monitoringProblems(resource);
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

// With KafkaUsers: each service logs in as its own one (username and the User Operator's Secret of that user),
// no two services share a login, and no grant covers every topic or every operation.
function kafkaUserProblems(resources) {
  const users = resources.filter((r) => r.kind === 'KafkaUser');
  if (users.length === 0) return [];
  const problems = [];
  const names = new Set(users.map((u) => u.metadata?.name));
  const taken = new Map();
  for (const name of Object.keys(SERVICES)) {
    const workload = resources.find((r) => r.kind === SERVICES[name].kind && r.metadata?.name === name);
    const container = (workload?.spec?.template?.spec?.containers ?? []).find((c) => c.name === name);
    const env = Object.fromEntries((container?.env ?? []).map((e) => [e.name, e]));
    const user = env.ENTENTE_KAFKA_SASL_USERNAME?.value;
    const secret = env.ENTENTE_KAFKA_SASL_PASSWORD?.valueFrom?.secretKeyRef;
    if (!names.has(user)) { problems.push(`${name}: ENTENTE_KAFKA_SASL_USERNAME must name one of the KafkaUsers (${[...names].join(', ')})`); continue; }
    if (secret?.name !== user || secret?.key !== 'password') problems.push(`${name}: ENTENTE_KAFKA_SASL_PASSWORD must come from the Secret ${user}, key password`);
    if (taken.has(user)) problems.push(`${name}: logs in as ${user}, which is ${taken.get(user)}'s login`);
    const kafkaUser = users.find((u) => u.metadata?.name === user);
    if (kafkaUser.metadata?.namespace !== workload.metadata?.namespace) {
      problems.push(`KafkaUser/${user}: must be in ${name}'s namespace, where its Secret is read`);
    }
    taken.set(user, name);
  }
  for (const user of users) {
    for (const acl of user.spec?.authorization?.acls ?? []) {
      if (acl.resource?.name === '*' || (acl.operations ?? []).includes('All')) {
        problems.push(`KafkaUser/${user.metadata?.name}: grants ${acl.operations} on ${acl.resource?.type} ${acl.resource?.name}; grant what the job needs`);
      }
    }
  }
  const client = resources.find((r) => r.kind === 'Secret' && r.metadata?.name === 'entente-kafka-client');
  if (!String(client?.stringData?.ENTENTE_KAFKA_SECURITY_PROTOCOL).startsWith('SASL_')) {
    problems.push('Secret/entente-kafka-client: with KafkaUsers the services log in over SASL_PLAINTEXT or SASL_SSL');
  }
  return problems;
}

// The metrics the alerts and the dashboard may read: each one read off a running service's /actuator/prometheus
// (funnel-service and scoring-service against an embedded broker; README "Monitoring" says how), plus Prometheus' own
// up. Micrometer names them: entente.dead.letters is entente_dead_letters_total, Kafka's consumer-fetch-manager-metrics
// records-lag is kafka_consumer_fetch_manager_records_lag, and so on.
const EXPOSED = new Set([
  'up',
  'http_server_requests_seconds_count', 'http_server_requests_seconds_sum',
  'entente_dead_letters_total', 'entente_funnel_sla_breaches_total',
  'kafka_consumer_fetch_manager_records_lag', 'kafka_consumer_fetch_manager_records_consumed_total',
  'kafka_producer_topic_record_send_total',
  'kafka_stream_client_state', 'kafka_stream_thread_thread_state', 'kafka_stream_alive_stream_threads',
  'kafka_stream_failed_stream_threads_total',
  'kafka_stream_processor_node_record_e2e_latency_avg', 'kafka_stream_processor_node_record_e2e_latency_max',
]);
// The label the ServiceMonitor puts on every series it scrapes, so rules and panels read Entente's series only.
const SCOPE = 'part_of="entente"';

// The series selectors of a PromQL expression (written name{...}, as ours are), strings left out.
function selectors(expr) {
  const text = String(expr);
  const bare = text.replace(/"(?:[^"\\]|\\.)*"/g, (quoted) => `"${' '.repeat(quoted.length - 2)}"`);
  return [...bare.matchAll(/([a-zA-Z_:][a-zA-Z0-9_:]*)\{[^}]*\}/g)]
    .map((m) => ({ metric: m[1], labels: text.slice(m.index + m[1].length, m.index + m[0].length) }));
}

function exprProblems(where, expr) {
  const found = selectors(expr);
  if (found.length === 0) return [`${where}: reads no series written as name{${SCOPE}, ...}`];
  const problems = [];
  const bare = String(expr).replace(/"(?:[^"\\]|\\.)*"/g, '""');
  for (const m of bare.matchAll(/\b((?:kafka|entente|http)_[a-zA-Z0-9_:]*)\b(?!\s*\{)/g)) {
    problems.push(`${where}: ${m[1]} without a selector; write ${m[1]}{${SCOPE}}`);
  }
  for (const { metric, labels } of found) {
    if (!EXPOSED.has(metric)) problems.push(`${where}: ${metric} is not a metric the services expose (EXPOSED in validate.mjs)`);
    if (!labels.includes(SCOPE)) problems.push(`${where}: ${metric} must be selected with ${SCOPE}`);
  }
  return problems;
}

function dashboardPanels(dashboard) {
  return (dashboard.panels ?? []).flatMap((p) => [p, ...dashboardPanels(p)]);
}

// With the monitoring component: the ServiceMonitor scrapes each service once (not again through its headless
// Service) on its http port with the admin token from entente-credentials; every alert has a severity, a summary and
// a description; alerts and dashboard read only exposed metrics, scoped to Entente's series.
function monitoringRuleProblems(resources) {
  const problems = [];
  const services = resources.filter((r) => r.kind === 'Service');
  for (const monitor of resources.filter((r) => r.kind === 'ServiceMonitor')) {
    const where = `ServiceMonitor/${monitor.metadata?.name}`;
    const selected = (service) => {
      const labels = service.metadata?.labels ?? {};
      const selector = monitor.spec?.selector ?? {};
      return Object.entries(selector.matchLabels ?? {}).every(([k, v]) => labels[k] === v)
        && (selector.matchExpressions ?? []).every((e) => ({
          In: () => (e.values ?? []).includes(labels[e.key]),
          NotIn: () => !(e.values ?? []).includes(labels[e.key]),
          Exists: () => e.key in labels,
          DoesNotExist: () => !(e.key in labels),
        })[e.operator]?.());
    };
    for (const endpoint of monitor.spec?.endpoints ?? []) {
      if (endpoint.path !== '/actuator/prometheus') problems.push(`${where}: scrape /actuator/prometheus, not ${endpoint.path}`);
      const token = endpoint.authorization?.credentials;
      if (token?.name !== 'entente-credentials' || token?.key !== 'ENTENTE_API_TOKEN' || (endpoint.authorization.type ?? 'Bearer') !== 'Bearer') {
        problems.push(`${where}: the endpoint needs the admin role: a Bearer credential from the Secret entente-credentials, key ENTENTE_API_TOKEN`);
      }
      if (endpoint.bearerToken || endpoint.basicAuth) problems.push(`${where}: no credential in the manifest; only the Secret entente-credentials`);
      const dropped = (name) => (endpoint.relabelings ?? []).some((r) => ['drop', 'Drop'].includes(r.action)
        && (r.sourceLabels ?? []).join(';') === '__meta_kubernetes_service_name'
        && new RegExp(`^(?:${r.regex ?? '(.*)'})$`).test(name));
      const scraped = services.filter((svc) => selected(svc) && !dropped(svc.metadata?.name));
      for (const name of Object.keys(SERVICES)) {
        const service = services.find((svc) => svc.metadata?.name === name);
        if (!service || !scraped.includes(service)) problems.push(`${where}: does not scrape ${name}`);
        else if (!(service.spec?.ports ?? []).some((p) => p.name === endpoint.port)) problems.push(`${where}: ${name} has no port named ${endpoint.port}`);
      }
      for (const svc of scraped.filter((x) => !(x.metadata?.name in SERVICES))) {
        problems.push(`${where}: scrapes ${svc.metadata?.name} too, so its pods twice: drop it by __meta_kubernetes_service_name`);
      }
      const scope = (endpoint.relabelings ?? []).some((r) => r.targetLabel === 'part_of' && r.replacement === 'entente' && (r.sourceLabels ?? []).length === 0);
      if (!scope) problems.push(`${where}: a relabeling must set ${SCOPE} on every target, which the rules and the dashboard select on`);
    }
  }
  for (const rule of resources.filter((r) => r.kind === 'PrometheusRule')) {
    for (const group of rule.spec?.groups ?? []) {
      for (const r of group.rules ?? []) {
        const where = `PrometheusRule/${rule.metadata?.name} ${r.alert ?? r.record}`;
        problems.push(...exprProblems(where, r.expr));
        if (r.alert === undefined) continue;
        if (!['warning', 'critical'].includes(r.labels?.severity)) problems.push(`${where}: labels.severity must be warning or critical`);
        if (!r.annotations?.summary || !r.annotations?.description) problems.push(`${where}: annotations summary and description are required`);
      }
    }
  }
  for (const map of resources.filter((r) => r.kind === 'ConfigMap' && r.metadata?.labels?.grafana_dashboard)) {
    for (const [file, text] of Object.entries(map.data ?? {})) {
      let dashboard;
      try { dashboard = JSON.parse(text); } catch (e) { problems.push(`ConfigMap/${map.metadata.name} ${file}: not JSON: ${e.message}`); continue; }
      if (!dashboard.uid || !dashboard.title) problems.push(`ConfigMap/${map.metadata.name} ${file}: a dashboard needs a uid and a title`);
      for (const panel of dashboardPanels(dashboard)) {
        for (const target of panel.targets ?? []) {
          problems.push(...exprProblems(`${file} panel "${panel.title}"`, target.expr));
        }
      }
    }
  }
  return problems;
}

// What kustomize's strategic merge does with the patches we write: maps merged key by key, lists of named items
// merged by name, anything else replaced. ($patch directives and JSON patches are not ours, and not supported.)
function merge(target, patch) {
  if (Array.isArray(patch) && Array.isArray(target) && patch.every((p) => p?.name !== undefined)) {
    const out = target.map((t) => structuredClone(t));
    for (const item of patch) {
      const i = out.findIndex((t) => t?.name === item.name);
      if (i >= 0) out[i] = merge(out[i], item); else out.push(structuredClone(item));
    }
    return out;
  }
  if (patch && typeof patch === 'object' && !Array.isArray(patch) && target && typeof target === 'object' && !Array.isArray(target)) {
    const out = structuredClone(target);
    for (const [key, value] of Object.entries(patch)) out[key] = key in out ? merge(out[key], value) : structuredClone(value);
    return out;
  }
  return structuredClone(patch);
}

function readDocuments(path) {
  const resources = [];
  for (const doc of parseAllDocuments(readFileSync(path, 'utf8'))) {
    if (doc.errors.length) throw new Error(`${path}: ${doc.errors[0].message}`);
    const resource = doc.toJS();
    if (resource) resources.push(resource);
  }
  return resources;
}

// The base with a component applied: its resources added, its patches merged into the resource of the same kind and name.
function withComponent(base, componentDir) {
  const component = parseAllDocuments(readFileSync(join(componentDir, 'kustomization.yaml'), 'utf8'))[0].toJS();
  if (component.kind !== 'Component') throw new Error(`${componentDir}: kind must be Component`);
  let resources = base.map((r) => structuredClone(r));
  for (const entry of component.patches ?? []) {
    if (!entry.path) throw new Error(`${componentDir}: only patches with a path are supported`);
    for (const patch of readDocuments(join(componentDir, entry.path))) {
      const i = resources.findIndex((r) => r.kind === patch.kind && r.metadata?.name === patch.metadata?.name);
      if (i < 0) throw new Error(`${componentDir}/${entry.path}: patches ${patch.kind}/${patch.metadata?.name}, which the base does not have`);
      resources[i] = merge(resources[i], patch);
    }
  }
  for (const entry of component.resources ?? []) resources.push(...readDocuments(join(componentDir, entry)));
  for (const generator of component.configMapGenerator ?? []) resources.push(generatedConfigMap(componentDir, generator));
  return resources;
}

// A configMapGenerator of files, as kustomize makes it (the name without a hash suffix: ours disable it).
function generatedConfigMap(componentDir, generator) {
  if (generator.literals || generator.envs || !generator.options?.disableNameSuffixHash) {
    throw new Error(`${componentDir}: only configMapGenerators of files, with disableNameSuffixHash, are supported`);
  }
  const data = {};
  for (const file of generator.files ?? []) {
    const [key, path] = file.includes('=') ? file.split('=') : [basename(file), file];
    data[key] = readFileSync(join(componentDir, path), 'utf8');
  }
  const { labels, annotations } = generator.options;
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: generator.name, labels, annotations }, data };
}

// The component as kustomize itself builds it, when kubectl or kustomize is installed: a copy of deploy/ with the
// component listed under components:, built, and its output parsed. Null when neither tool is there.
function kustomizeBuild(deployDir, componentDir) {
  const tool = ['kustomize', 'kubectl'].find((t) => spawnSync(t, ['version', '--client'], { stdio: 'ignore' }).status === 0);
  if (!tool) return null;
  const copy = mkdtempSync(join(tmpdir(), 'entente-deploy-'));
  try {
    cpSync(deployDir, copy, { recursive: true, filter: (src) => !src.includes('node_modules') });
    const file = join(copy, 'kustomization.yaml');
    const kustomization = parseAllDocuments(readFileSync(file, 'utf8'))[0].toJS();
    kustomization.components = [relative(deployDir, componentDir)];
    writeFileSync(file, stringify(kustomization));
    const args = tool === 'kubectl' ? ['kustomize', copy] : ['build', copy];
    const built = spawnSync(tool, args, { encoding: 'utf8' });
    if (built.status !== 0) throw new Error(`${tool} ${args[0]} of deploy/ with ${componentDir} failed: ${built.stderr}`);
    return parseAllDocuments(built.stdout).map((doc) => {
      if (doc.errors.length) throw new Error(`${tool} output: ${doc.errors[0].message}`);
      return doc.toJS();
    }).filter(Boolean);
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}

function components(deployDir) {
  const dir = join(deployDir, 'components');
  if (!existsSync(dir)) return [];
  return readdirSync(dir).map((name) => join(dir, name)).filter((path) => existsSync(join(path, 'kustomization.yaml')));
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
      resources.push(...readDocuments(path));
    }
  }
  return resources;
}

export async function problemsIn(resources) {
  const problems = [];
  for (const resource of resources) problems.push(...(await schemaProblems(resource)));
  problems.push(...ruleProblems(resources));
  problems.push(...kafkaUserProblems(resources));
  problems.push(...monitoringRuleProblems(resources));
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
  const users = join(deployDir, 'components', 'kafka-users');
  const withUsers = withComponent(good, users);
  const user = (r, name) => r.find((x) => x.kind === 'KafkaUser' && x.metadata.name === name);
  const brokenUsers = [
    ['a KafkaUser with an operation Strimzi does not know', (r) => { user(r, 'entente-survey').spec.authorization.acls[0].operations.push('Wirte'); }],
    ['a KafkaUser without authentication', (r) => { delete user(r, 'entente-scoring').spec.authentication; }],
    ['a grant on every topic', (r) => { user(r, 'entente-integration').spec.authorization.acls.push({ resource: { type: 'topic', name: '*', patternType: 'literal' }, operations: ['Read'] }); }],
    ['a service logging in with another service\'s login', (r) => {
      const env = r.find((x) => x.metadata.name === 'advice-service' && x.kind === 'StatefulSet').spec.template.spec.containers[0].env;
      env.find((e) => e.name === 'ENTENTE_KAFKA_SASL_USERNAME').value = 'entente-scoring';
      env.find((e) => e.name === 'ENTENTE_KAFKA_SASL_PASSWORD').valueFrom.secretKeyRef.name = 'entente-scoring';
    }],
    ['a service whose password is another login\'s', (r) => {
      const env = r.find((x) => x.kind === 'Deployment').spec.template.spec.containers[0].env;
      env.find((e) => e.name === 'ENTENTE_KAFKA_SASL_PASSWORD').valueFrom.secretKeyRef.name = 'entente-integration';
    }],
  ];
  const withMonitoring = withComponent(good, join(deployDir, 'components', 'monitoring'));
  const monitor = (r) => r.find((x) => x.kind === 'ServiceMonitor').spec.endpoints[0];
  const alert = (r, name) => r.find((x) => x.kind === 'PrometheusRule').spec.groups.flatMap((g) => g.rules).find((x) => x.alert === name);
  const dashboard = (r, change) => {
    const map = r.find((x) => x.kind === 'ConfigMap' && x.metadata.labels?.grafana_dashboard);
    const [file] = Object.keys(map.data);
    const json = JSON.parse(map.data[file]);
    change(json);
    map.data[file] = JSON.stringify(json);
  };
  const brokenMonitoring = [
    ['a ServiceMonitor presenting a token from another Secret', (r) => { monitor(r).authorization.credentials.name = 'grafana-token'; }],
    ['a ServiceMonitor scraping the headless Services too', (r) => { monitor(r).relabelings = monitor(r).relabelings.filter((x) => x.action !== 'drop'); }],
    ['a ServiceMonitor on a port the Services lack', (r) => { monitor(r).port = 'metrics'; }],
    ['a ServiceMonitor missing a service', (r) => { r.find((x) => x.kind === 'ServiceMonitor').spec.selector.matchExpressions[0].values.pop(); }],
    ['a scrape interval that is not a duration', (r) => { monitor(r).interval = '30 seconds'; }],
    ['an alert without a severity', (r) => { delete alert(r, 'EntenteConsumerLag').labels.severity; }],
    ['an alert on a metric no service exposes', (r) => { alert(r, 'EntenteConsumerLag').expr = 'max(kafka_consumer_records_lag{part_of="entente"}) > 1000'; }],
    ['an alert on every application\'s series', (r) => { alert(r, 'EntenteStreamsThreadNotRunning').expr = 'kafka_stream_thread_thread_state != 4'; }],
    ['an alert reading a second metric unscoped', (r) => { alert(r, 'EntenteStreamsClientNotRunning').expr += ' or kafka_stream_alive_stream_threads == 0'; }],
    ['a rule that is both an alert and a recording', (r) => { alert(r, 'EntenteDeadLetterRate').record = 'entente:dead_letters:rate5m'; }],
    ['a dashboard panel on a metric no service exposes', (r) => dashboard(r, (d) => { d.panels.find((p) => p.targets).targets[0].expr = 'sum(rate(entente_intake_total{part_of="entente"}[5m]))'; })],
  ];
  let failures = 0;
  for (const [what, breakIt, base] of [...broken.map((b) => [...b, good]), ...brokenUsers.map((b) => [...b, withUsers]),
    ...brokenMonitoring.map((b) => [...b, withMonitoring])]) {
    const copy = structuredClone(base);
    breakIt(copy);
    const found = await problemsIn(copy);
    console.log(`${found.length ? 'rejected' : 'ACCEPTED'}: ${what}${found.length ? ` (${found[0]})` : ''}`);
    if (!found.length) failures++;
  }
  return failures;
}

const args = process.argv.slice(2);
const here = dirname(new URL(import.meta.url).pathname);
if (args[0] === '--rule-groups') {
  const groups = readDocuments(args[1]).filter((r) => r.kind === 'PrometheusRule').flatMap((r) => r.spec?.groups ?? []);
  if (groups.length === 0) { console.error(`${args[1]}: no PrometheusRule with groups`); process.exit(1); }
  process.stdout.write(stringify({ groups }, { lineWidth: 0 }));
} else if (args[0] === '--dashboard-queries') {
  // Every panel query as a recording rule, Grafana's variables replaced, so promtool parses them (check rules).
  const panels = dashboardPanels(JSON.parse(readFileSync(args[1], 'utf8')));
  const rules = panels.flatMap((p) => (p.targets ?? []).map((t, i) => ({
    record: `dashboard:panel_${p.id}:${i}`,
    expr: t.expr.replaceAll('$__rate_interval', '2m').replaceAll('$__range', '6h').replaceAll('$namespace', '.*'),
  })));
  process.stdout.write(stringify({ groups: [{ name: 'dashboard-queries', rules }] }, { lineWidth: 0 }));
} else if (args[0] === '--self-test') {
  const failures = await selfTest(args[1] ?? join(here, '..'));
  process.exit(failures ? 1 : 0);
} else {
  const dir = args[0] ?? join(here, '..');
  const base = loadKustomization(dir);
  let invalid = 0;
  const configurations = [[dir, base]];
  for (const component of components(dir)) {
    configurations.push([`${dir} with ${component}`, withComponent(base, component)]);
    const built = kustomizeBuild(dir, component);
    if (built) configurations.push([`kustomize's build of ${dir} with ${component}`, built]);
    else console.log(`(no kubectl or kustomize here: ${component} checked as merged by this script only)`);
  }
  for (const [what, resources] of configurations) {
    const problems = await problemsIn(resources);
    for (const p of problems) console.error(`invalid: ${p}`);
    console.log(`${resources.length} resources in ${what}: ${problems.length ? `${problems.length} problems` : 'valid'}`);
    invalid += problems.length;
  }
  process.exit(invalid ? 1 : 0);
}
