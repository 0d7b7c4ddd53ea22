import { defineConfig } from "vite";
import solid from "vite-plugin-solid";
import { VitePWA } from "vite-plugin-pwa";

// The dev server forwards the API and sync to a running roster server (`pnpm start`).
const backend = process.env.ROSTER_BACKEND ?? "http://127.0.0.1:8787";

export default defineConfig({
  plugins: [
    solid(),
    VitePWA({
      strategies: "generateSW",
      // A new version is offered to the person, never forced on them mid-edit.
      registerType: "prompt",
      injectRegister: false,
      includeAssets: ["icon.svg", "icon-192.png", "icon-512.png", "icon-maskable-512.png"],
      manifest: {
        name: "Roster — Làm sạch dữ liệu trẻ em",
        short_name: "Roster",
        description: "Làm sạch dữ liệu trẻ em 6 đến dưới 14 tuổi theo thôn, ngoại tuyến trên điện thoại.",
        lang: "vi",
        start_url: "/",
        scope: "/",
        display: "standalone",
        background_color: "#ffffff",
        theme_color: "#0b5cad",
        icons: [
          { src: "/icon-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
          { src: "/icon-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
          { src: "/icon-maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
        ],
      },
      workbox: {
        globPatterns: ["**/*.{js,css,html,svg,png,webmanifest}"],
        navigateFallback: "index.html",
        // API and sync answers hold children's personal data: never cached, never faked.
        navigateFallbackDenylist: [/^\/api\//, /^\/sync\//, /^\/healthz/, /^\/metrics/],
        runtimeCaching: [],
        cleanupOutdatedCaches: true,
      },
    }),
  ],
  server: {
    proxy: {
      "/api": backend,
      "/sync": { target: backend.replace(/^http/, "ws"), ws: true },
    },
  },
  build: { target: "es2022", sourcemap: true },
  // The spreadsheet worker is a module worker: as such it can load the old-.xls reader
  // (SheetJS) as its own chunk, only when such a file is picked.
  worker: { format: "es" },
});
