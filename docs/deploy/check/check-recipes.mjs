// Checks the deployment recipes offline, in two layers:
//  - Kubernetes objects against the API schemas bundled in the kubernetes-models package (types, enums, required
//    fields; like kubectl's client-side validation, unknown fields are not reported);
//  - what no schema knows: that the app and its clients really share the socket. The app's grpc.uds.path lies in
//    a shared volume, each client's unix: target names the same file in that volume (wherever it is mounted),
//    the client's user may connect given the socket's default mode rw-rw----, and no probe dials a TCP port that
//    is not open.
// Compose files get the second layer here; their schema is checked by docker-compose (see validate.sh).
//
// Usage: node check-recipes.mjs kubernetes FILE... | compose FILE...
// Prints one line per problem and exits 1 if there is any.
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseAllDocuments } from "yaml";

const SUN_PATH_MAX = 107; // Linux: sun_path is 108 bytes with the terminating NUL
const problems = [];
const problem = (file, message) => problems.push(`${file}: ${message}`);

function readDocuments(file) {
  const documents = parseAllDocuments(readFileSync(file, "utf8"));
  const objects = [];
  for (const document of documents) {
    if (document.errors.length > 0) {
      document.errors.forEach((e) => problem(file, `YAML: ${e.message}`));
      continue;
    }
    const value = document.toJS();
    if (value !== null && value !== undefined) objects.push(value);
  }
  return objects;
}

// A path inside a mount, as the path relative to the volume's root, or null when outside it.
function inside(mountPath, filePath) {
  const relative = path.posix.relative(mountPath, filePath);
  return relative && !relative.startsWith("..") && !path.posix.isAbsolute(relative) ? relative : null;
}

// gRPC naming, as the starter reads it: unix:/abs, unix:///abs, unix:relative. null if not a unix: target.
function unixTargetPath(value) {
  if (typeof value !== "string" || !value.startsWith("unix:")) return null;
  const rest = value.slice("unix:".length);
  if (rest.startsWith("//")) return rest.slice(2).startsWith("/") ? rest.slice(2) : undefined; // host: invalid
  return rest;
}

// ---------------------------------------------------------------------------------------------- Kubernetes

async function modelFor(apiVersion, kind) {
  if (typeof apiVersion !== "string" || typeof kind !== "string") return null;
  const module = await import(`kubernetes-models/${apiVersion}`).catch(() => null);
  return module && typeof module[kind] === "function" ? module[kind] : null;
}

function podSpecOf(object) {
  if (object.kind === "Pod") return object.spec;
  if (["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job"].includes(object.kind)) {
    return object.spec?.template?.spec;
  }
  return undefined;
}

function envValue(container, name) {
  return (container.env ?? []).find((e) => e.name === name)?.value;
}

function checkPodSockets(file, where, spec) {
  const volumes = new Map((spec.volumes ?? []).map((v) => [v.name, v]));
  const containers = [...(spec.initContainers ?? []), ...(spec.containers ?? [])];
  for (const c of containers) {
    for (const m of c.volumeMounts ?? []) {
      if (!volumes.has(m.name)) problem(file, `${where}: container '${c.name}' mounts volume '${m.name}', which is not declared`);
    }
  }
  const servers = (spec.containers ?? []).filter((c) => envValue(c, "GRPC_UDS_PATH") !== undefined);
  if (servers.length === 0) {
    problem(file, `${where}: no container sets GRPC_UDS_PATH (grpc.uds.path)`);
    return;
  }
  for (const server of servers) {
    const socket = envValue(server, "GRPC_UDS_PATH");
    if (!path.posix.isAbsolute(socket)) problem(file, `${where}: GRPC_UDS_PATH '${socket}' is not absolute`);
    if (Buffer.byteLength(socket) > SUN_PATH_MAX) {
      problem(file, `${where}: GRPC_UDS_PATH '${socket}' is ${Buffer.byteLength(socket)} bytes, over the ${SUN_PATH_MAX}-byte limit`);
    }
    const mount = (server.volumeMounts ?? []).find((m) => inside(m.mountPath, socket) !== null);
    if (!mount) {
      problem(file, `${where}: GRPC_UDS_PATH '${socket}' of container '${server.name}' is not in any of its volume mounts, so no other container can reach it`);
      continue;
    }
    if (mount.readOnly) problem(file, `${where}: container '${server.name}' mounts '${mount.name}' read-only, but must create its socket there`);
    if (!volumes.get(mount.name)?.emptyDir) problem(file, `${where}: the socket's volume '${mount.name}' is not an emptyDir (a Pod-local directory shared by its containers)`);
    const inVolume = inside(mount.mountPath, socket);
    const uid = (c) => c.securityContext?.runAsUser ?? spec.securityContext?.runAsUser;
    const gid = (c) => c.securityContext?.runAsGroup ?? spec.securityContext?.runAsGroup;
    // An emptyDir of a Pod with fsGroup is set-group-ID, so the socket takes that group; otherwise the app's.
    const socketGroup = spec.securityContext?.fsGroup ?? gid(server);

    let clients = 0;
    for (const c of containers.filter((c) => c !== server)) {
      for (const e of c.env ?? []) {
        const target = unixTargetPath(e.value);
        if (target === null) continue;
        if (target === undefined) {
          problem(file, `${where}: container '${c.name}' env ${e.name}='${e.value}' names a host; write unix:/absolute/path`);
          continue;
        }
        clients++;
        const clientMount = (c.volumeMounts ?? []).find((m) => m.name === mount.name);
        if (!clientMount) {
          problem(file, `${where}: container '${c.name}' dials ${e.value} but does not mount the socket's volume '${mount.name}'`);
          continue;
        }
        const clientInVolume = inside(clientMount.mountPath, target);
        if (clientInVolume !== inVolume) {
          problem(file, `${where}: container '${c.name}' dials ${target}, which is ${clientInVolume === null ? "outside its mount of" : `'${clientInVolume}' in`} volume '${mount.name}' (mounted at ${clientMount.mountPath}); the socket is '${inVolume}' there`);
        }
        if (uid(c) === undefined || uid(server) === undefined) {
          problem(file, `${where}: set runAsUser for '${server.name}' and '${c.name}', so who may connect is decided by the manifest, not the image`);
        } else if (uid(c) !== uid(server)) {
          const groups = [gid(c), spec.securityContext?.fsGroup, ...(spec.securityContext?.supplementalGroups ?? [])];
          if (socketGroup === undefined || !groups.includes(socketGroup)) {
            problem(file, `${where}: container '${c.name}' runs as user ${uid(c)}, not the server's ${uid(server)}, and is not in the socket's group ${socketGroup ?? "(none set)"}: the default mode rw-rw---- refuses it (set the Pod's fsGroup)`);
          }
        }
      }
    }
    if (clients === 0) problem(file, `${where}: no other container dials the socket (an env value unix:/path in the volume '${mount.name}')`);

    for (const c of containers) {
      for (const kind of ["livenessProbe", "readinessProbe", "startupProbe"]) {
        const probe = c[kind];
        if (!probe) continue;
        if (probe.grpc) {
          problem(file, `${where}: container '${c.name}' ${kind} uses the kubelet's grpc probe, which dials TCP port ${probe.grpc.port}; the gRPC server is on the socket (use an exec probe: grpc_health_probe -addr=unix://${socket})`);
        }
        const addresses = (probe.exec?.command ?? []).flatMap((arg) => (String(arg).match(/unix:\/\/\S+/g) ?? []));
        for (const address of addresses) {
          const target = unixTargetPath(address);
          const mounted = (c.volumeMounts ?? []).find((m) => m.name === mount.name);
          if (!mounted || inside(mounted.mountPath, target) !== inVolume) {
            problem(file, `${where}: container '${c.name}' ${kind} asks ${address}, not the socket of GRPC_UDS_PATH (${socket})`);
          }
        }
      }
    }
  }
}

async function checkKubernetes(file) {
  const objects = readDocuments(file);
  if (objects.length === 0) problem(file, "no Kubernetes object");
  for (const object of objects) {
    const where = `${object.kind ?? "?"} ${object.metadata?.name ?? "?"}`;
    const Model = await modelFor(object.apiVersion, object.kind);
    if (!Model) {
      problem(file, `${where}: unknown apiVersion/kind ${object.apiVersion}/${object.kind}`);
      continue;
    }
    try {
      new Model(object).validate();
    } catch (e) {
      problem(file, `${where}: schema: ${e.message}`);
    }
    const spec = podSpecOf(object);
    if (spec) checkPodSockets(file, where, spec);
  }
}

// ---------------------------------------------------------------------------------------------- Compose

function composeEnv(service) {
  const env = service.environment ?? {};
  if (Array.isArray(env)) {
    return Object.fromEntries(env.map((e) => [String(e).split("=")[0], String(e).split("=").slice(1).join("=")]));
  }
  return env;
}

function composeMounts(service) {
  return (service.volumes ?? []).map((v) => {
    if (typeof v === "string") {
      const [source, target, mode] = v.split(":");
      return { source, target, readOnly: mode === "ro" };
    }
    return { source: v.source, target: v.target, readOnly: v.read_only === true };
  });
}

function composeUser(service) {
  const [uid, gid] = String(service.user ?? "").split(":");
  return { uid: uid || undefined, gid: gid || undefined };
}

function checkCompose(file) {
  const [compose] = readDocuments(file);
  const services = compose?.services ?? {};
  const named = new Set(Object.keys(compose?.volumes ?? {}));
  const servers = Object.entries(services).filter(([, s]) => composeEnv(s).GRPC_UDS_PATH !== undefined);
  if (servers.length === 0) problem(file, "no service sets GRPC_UDS_PATH (grpc.uds.path)");
  for (const [name, server] of servers) {
    const socket = composeEnv(server).GRPC_UDS_PATH;
    if (Buffer.byteLength(socket) > SUN_PATH_MAX) problem(file, `service '${name}': GRPC_UDS_PATH is over ${SUN_PATH_MAX} bytes`);
    const mount = composeMounts(server).find((m) => inside(m.target, socket) !== null);
    if (!mount) {
      problem(file, `service '${name}': GRPC_UDS_PATH '${socket}' is not in any of its volumes, so no other container can reach it`);
      continue;
    }
    if (!named.has(mount.source)) problem(file, `service '${name}': the socket's volume '${mount.source}' is not a named volume declared under volumes:`);
    if (mount.readOnly) problem(file, `service '${name}': mounts '${mount.source}' read-only, but must create its socket there`);
    const inVolume = inside(mount.target, socket);
    const serverUser = composeUser(server);
    let clients = 0;
    for (const [clientName, client] of Object.entries(services).filter(([n]) => n !== name)) {
      for (const [key, value] of Object.entries(composeEnv(client))) {
        const target = unixTargetPath(value);
        if (target === null) continue;
        clients++;
        const clientMount = composeMounts(client).find((m) => m.source === mount.source);
        if (!clientMount) {
          problem(file, `service '${clientName}': ${key}=${value} but it does not mount the socket's volume '${mount.source}'`);
          continue;
        }
        if (target === undefined || inside(clientMount.target, target) !== inVolume) {
          problem(file, `service '${clientName}': ${key}=${value} is not '${inVolume}' in volume '${mount.source}' (mounted at ${clientMount.target})`);
        }
        const clientUser = composeUser(client);
        if (serverUser.uid === undefined || clientUser.uid === undefined) {
          problem(file, `services '${name}' and '${clientName}': set user: uid:gid on both, so who may connect is decided here, not by the images`);
        } else if (clientUser.uid !== serverUser.uid) {
          const groups = [clientUser.gid, ...(client.group_add ?? []).map(String)];
          if (!groups.includes(serverUser.gid)) {
            problem(file, `service '${clientName}': runs as user ${clientUser.uid}, not the server's ${serverUser.uid}, and is not in the socket's group ${serverUser.gid}: the default mode rw-rw---- refuses it (group_add: ["${serverUser.gid}"])`);
          }
        }
      }
    }
    if (clients === 0) problem(file, `no other service dials the socket (an environment value unix:/path in volume '${mount.source}')`);
    const test = [].concat(server.healthcheck?.test ?? []).join(" ");
    for (const address of test.match(/unix:\/\/\S+/g) ?? []) {
      if (unixTargetPath(address) !== socket) problem(file, `service '${name}': healthcheck asks ${address}, not ${socket}`);
    }
  }
}

// ----------------------------------------------------------------------------------------------

const [mode, ...files] = process.argv.slice(2);
if (!["kubernetes", "compose"].includes(mode) || files.length === 0) {
  console.error("usage: node check-recipes.mjs kubernetes|compose FILE...");
  process.exit(2);
}
for (const file of files) {
  if (mode === "kubernetes") await checkKubernetes(file);
  else checkCompose(file);
}
problems.forEach((p) => console.log(p));
if (problems.length > 0) process.exit(1);
console.log(`${mode}: ${files.join(" ")} valid`);
