# An image that runs `omega worker` (or any omega command). Build it from the same checkout as the
# coordinator: workers refuse jobs made by other code (package version, git commit, Node major, source hash),
# so .git is part of the build context on purpose.
FROM node:20-bookworm
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: no install script is needed at run time (esbuild and msgpackr fall back to prebuilt/JS code)
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY . .
# compile src to build/<hash>/ now, so worker threads start without compiling
RUN npm run build
ENV OMEGA_ROOT=/app
ENTRYPOINT ["node", "bin/omega.mjs"]
CMD ["worker", "--backend", "redis://redis:6379"]
