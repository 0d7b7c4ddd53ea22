import { lazy } from "solid-js";

// Screens a hamlet head does not need to see the roster: each is its own chunk, fetched
// (from the service worker's precache when offline) when first opened. The roster opens
// on every start of the app, so its bundle must not carry the importer's Excel reader,
// the printable lists or the charts: compiling them delayed the first rows.

export const ReconcileScreen = lazy(() => import("./reconcile/ReconcileScreen").then((m) => ({ default: m.ReconcileScreen })));
export const ImportScreen = lazy(() => import("./import/ImportScreen").then((m) => ({ default: m.ImportScreen })));
export const IntakeScreen = lazy(() => import("./intake/IntakeScreen").then((m) => ({ default: m.IntakeScreen })));
export const ListsScreen = lazy(() => import("./lists/ListsScreen").then((m) => ({ default: m.ListsScreen })));
export const ProgressScreen = lazy(() => import("./progress/ProgressScreen").then((m) => ({ default: m.ProgressScreen })));
export const PoliceQueueView = lazy(() => import("./police/PoliceQueueView").then((m) => ({ default: m.PoliceQueueView })));
export const AdminScreen = lazy(() => import("./accounts/AdminScreen").then((m) => ({ default: m.AdminScreen })));
export const AccountScreen = lazy(() => import("./accounts/AccountScreen").then((m) => ({ default: m.AccountScreen })));
export const SetPasswordScreen = lazy(() => import("./accounts/SetPasswordScreen").then((m) => ({ default: m.SetPasswordScreen })));
export const ProvinceScreen = lazy(() => import("./province/ProvinceScreen").then((m) => ({ default: m.ProvinceScreen })));
