export { default } from "@roster/vitest-config";
