// Checks on the container files that hold without a container runtime (CI may have none that runs):
// the rules a Dockerfile linter such as hadolint applies that matter here, and compose.yaml's wiring.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { parse } from "yaml";
import { ROOT_DIR } from "../helpers/db";

const read = (file: string) => readFileSync(path.join(ROOT_DIR, file), "utf8");

interface Instruction {
  keyword: string;
  args: string;
  line: number;
}

/** Dockerfile instructions with continuation lines joined and comments dropped. */
function instructions(text: string): Instruction[] {
  const result: Instruction[] = [];
  let pending: Instruction | null = null;
  text.split("\n").forEach((raw, index) => {
    const line = raw.trim();
    if (line.startsWith("#") || line === "") return;
    const continues = line.endsWith("\\");
    const content = continues ? line.slice(0, -1).trim() : line;
    if (pending) pending.args += ` ${content}`;
    else {
      const [keyword = "", ...rest] = content.split(/\s+/);
      pending = { keyword: keyword.toUpperCase(), args: rest.join(" "), line: index + 1 };
    }
    if (!continues) {
      result.push(pending);
      pending = null;
    }
  });
  return result;
}

const dockerfile = instructions(read("Dockerfile"));
const stages = dockerfile.reduce<Instruction[][]>((all, instruction) => {
  if (instruction.keyword === "FROM") all.push([]);
  all.at(-1)?.push(instruction);
  return all;
}, []);
const runtime = stages.at(-1)!;

test("the image is built in stages and runs as a non-root user with a numeric id", () => {
  assert.ok(stages.length >= 2, "a build stage and a runtime stage");
  const users = runtime.filter((instruction) => instruction.keyword === "USER");
  assert.equal(users.length, 1);
  assert.match(users[0]!.args, /^[1-9]\d*:[1-9]\d*$/, "USER uid:gid, not root, numeric so Kubernetes' runAsNonRoot can check it");
  const userAt = runtime.indexOf(users[0]!);
  const entry = runtime.findIndex((instruction) => instruction.keyword === "ENTRYPOINT");
  assert.ok(userAt < entry, "the user is set before the entrypoint");
  assert.ok(!runtime.slice(userAt).some((instruction) => instruction.keyword === "RUN"), "nothing runs as root after USER is dropped to");
});

test("data lives in a /data volume the app user owns; the health check needs no curl", () => {
  assert.ok(runtime.some((instruction) => instruction.keyword === "VOLUME" && instruction.args.includes("/data")));
  assert.ok(runtime.some((instruction) => instruction.keyword === "ENV" && /HOOKSCOPE_DATA=\/data/.test(instruction.args)));
  assert.ok(runtime.some((instruction) => instruction.keyword === "RUN" && /chown 10001:10001 \/data/.test(instruction.args)));
  const health = runtime.find((instruction) => instruction.keyword === "HEALTHCHECK");
  assert.ok(health, "a HEALTHCHECK");
  assert.match(health.args, /CMD \["hookscope", "healthcheck"\]$/, "exec form, the CLI's own health check");
  assert.equal(runtime.find((instruction) => instruction.keyword === "ENTRYPOINT")?.args, '["hookscope"]');
  assert.equal(runtime.find((instruction) => instruction.keyword === "CMD")?.args, '["serve"]');
  assert.ok(runtime.some((instruction) => instruction.keyword === "EXPOSE" && instruction.args === "3000"));
});

test("the Dockerfile follows the linter rules that matter for a reproducible, small image", () => {
  for (const instruction of dockerfile) {
    const at = `Dockerfile:${instruction.line}`;
    if (instruction.keyword === "FROM") assert.doesNotMatch(instruction.args, /:latest\b/, `${at}: a pinned base, not latest`);
    if (instruction.keyword === "RUN" && /apt-get install/.test(instruction.args)) {
      assert.match(instruction.args, /--no-install-recommends/, `${at}: apt-get install --no-install-recommends`);
      assert.match(instruction.args, /-y\b/, `${at}: apt-get install -y`);
      assert.match(instruction.args, /rm -rf \/var\/lib\/apt\/lists/, `${at}: apt lists removed in the same layer`);
    }
    if (instruction.keyword === "RUN") assert.doesNotMatch(instruction.args, /\bsudo\b|\bcd\s/, `${at}: no sudo, WORKDIR instead of cd`);
    if (instruction.keyword === "ADD") assert.fail(`${at}: COPY, not ADD`);
    if (instruction.keyword === "CMD" || instruction.keyword === "ENTRYPOINT")
      assert.match(instruction.args, /^\[/, `${at}: exec form, so signals reach the server`);
  }
  const ignored = read(".dockerignore").split("\n");
  for (const entry of ["node_modules", ".git", ".next", "dist", "data"])
    assert.ok(ignored.includes(entry), `.dockerignore keeps ${entry} out of the build context`);
});

test("compose.yaml runs two instances on one PostgreSQL behind the proxy, each waiting for what it needs", () => {
  const compose = parse(read("compose.yaml"), { merge: true }) as {
    services: Record<
      string,
      {
        build?: string;
        environment?: Record<string, string>;
        depends_on?: Record<string, { condition: string }>;
        healthcheck?: unknown;
        volumes?: string[];
        ports?: string[];
        image?: string;
      }
    >;
  };
  const apps = Object.entries(compose.services).filter(([, service]) => service.build === ".");
  assert.equal(apps.length, 2, "two app instances from this Dockerfile");
  for (const [name, service] of apps) {
    assert.match(
      service.environment?.DATABASE_URL ?? "",
      /^postgres:\/\/hookscope:\$\{POSTGRES_PASSWORD:\?[^}]+\}@postgres:5432\/hookscope$/,
      `${name}: PostgreSQL, password required`,
    );
    assert.equal(service.environment?.TRUST_PROXY, "1", `${name}: trusts the proxy's X-Forwarded-*`);
    assert.ok(service.environment?.PUBLIC_URL, `${name}: PUBLIC_URL`);
    assert.equal(service.depends_on?.postgres?.condition, "service_healthy", `${name}: waits for PostgreSQL`);
  }
  const postgres = compose.services.postgres!;
  assert.ok(postgres.healthcheck, "PostgreSQL has a health check the apps wait for");
  const proxy = compose.services.proxy!;
  for (const [name] of apps) assert.equal(proxy.depends_on?.[name]?.condition, "service_healthy", `the proxy waits for ${name}'s HEALTHCHECK`);
  assert.ok(
    proxy.volumes?.includes("./deploy/Caddyfile:/etc/caddy/Caddyfile:ro"),
    "the proxy runs deploy/Caddyfile (tested for real in tests/http/postgres/proxies.test.ts)",
  );
  const caddyfile = read("deploy/Caddyfile");
  const upstreams = /\{\$HOOKSCOPE_UPSTREAMS:([^}]+)\}/.exec(caddyfile)?.[1]?.split(" ");
  assert.deepEqual(
    upstreams,
    apps.map(([name]) => `${name}:3000`),
    "the Caddyfile's default upstreams are the compose services",
  );
});
