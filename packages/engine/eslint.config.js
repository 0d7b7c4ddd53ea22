export { default } from "@roster/eslint-config";
