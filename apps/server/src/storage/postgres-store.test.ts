import { runStoreContract } from "./store-contract";
import { PostgresStore } from "./postgres-store";
import { createTestDatabase } from "./postgres-test-database";

// Small pools: the machine's PostgreSQL is shared by several test runs.
const LIMITS = { maxConnections: 4 };

runStoreContract("PostgresStore", async () => {
  const database = await createTestDatabase();
  const opened: PostgresStore[] = [];
  const open = async () => {
    const store = await PostgresStore.open(database.url, LIMITS);
    opened.push(store);
    return store;
  };
  try {
    return {
      store: await open(),
      reopen: open,
      cleanup: async () => {
        for (const store of opened) await store.close();
        await database.drop();
      },
    };
  } catch (error) {
    await database.drop();
    throw error;
  }
});
