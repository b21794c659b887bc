# Hookscope's container image: the npm package is packed and installed in a build stage, then copied
# into a slim runtime that runs as a non-root user with its SQLite data in /data.
# Build: docker build -t hookscope .   Run: docker run -p 3000:3000 -v hookscope-data:/data hookscope
ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS build
# better-sqlite3 compiles from source where its prebuilt download cannot be reached.
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /src
ENV NEXT_TELEMETRY_DISABLED=1 PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
COPY package.json package-lock.json ./
# The package's own postinstall script runs during npm ci.
COPY scripts/link-next-externals.mjs scripts/
RUN npm ci --no-audit --no-fund
COPY . .
# prepack builds the app; the global install is exactly what `npm install -g hookscope` gives a user.
RUN mkdir /tmp/pack \
  && npm pack --pack-destination /tmp/pack \
  && npm install --global --prefix /opt/hookscope --no-audit --no-fund /tmp/pack/hookscope-*.tgz

FROM ${NODE_IMAGE}
ENV NODE_ENV=production \
  NEXT_TELEMETRY_DISABLED=1 \
  HOST=0.0.0.0 \
  PORT=3000 \
  HOOKSCOPE_DATA=/data \
  PATH=/opt/hookscope/bin:$PATH
RUN groupadd --system --gid 10001 hookscope \
  && useradd --uid 10001 --gid 10001 --home-dir /data --no-create-home --shell /usr/sbin/nologin hookscope \
  && mkdir /data \
  && chown 10001:10001 /data
# Owned by root and read-only to the app: it writes nowhere but /data.
COPY --from=build /opt/hookscope /opt/hookscope
USER 10001:10001
WORKDIR /data
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 CMD ["hookscope", "healthcheck"]
ENTRYPOINT ["hookscope"]
CMD ["serve"]
