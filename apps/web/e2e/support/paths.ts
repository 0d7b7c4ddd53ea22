import { fileURLToPath } from "node:url";

/** apps/web, whatever the working directory of the test run. */
export const WEB_ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const WEB_DIST = `${WEB_ROOT}dist`;
export const SERVER_MAIN = `${WEB_ROOT}../server/dist/main.js`;
export const SERVER_CLI = `${WEB_ROOT}../server/dist/cli.js`;
export const ARTIFACTS = `${WEB_ROOT}test-artifacts`;
