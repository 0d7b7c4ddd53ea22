export * from "./primitives";
export * from "./child";
export * from "./roles";
export * from "./accounts";
export * from "./review";
export * from "./api";
export * from "./progress";
export * from "./intake";
