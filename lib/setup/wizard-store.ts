import "server-only";
import { getRegistry } from "@/lib/collector/registry";
import { QdeviceWizardStore } from "@/lib/history/qdevice-wizard-store";
import { startHistory } from "@/lib/history/service";

// One store per server process, on the history database the status page already opened.
const holder = globalThis as typeof globalThis & { __tiebreakerQdeviceWizard?: QdeviceWizardStore };

/** The QDevice wizard's progress store, in the history database (history.sqlitePath). */
export function getWizardStore(): QdeviceWizardStore {
  if (!holder.__tiebreakerQdeviceWizard) {
    const { config, collectors } = getRegistry();
    const { store } = startHistory(config.history, collectors.values());
    holder.__tiebreakerQdeviceWizard = new QdeviceWizardStore(store.db);
  }
  return holder.__tiebreakerQdeviceWizard;
}
