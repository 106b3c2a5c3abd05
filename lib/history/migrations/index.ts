import { sql as init } from "./001-init";
import { sql as qdeviceWizard } from "./002-qdevice-wizard";
import { sql as notifications } from "./003-notifications";

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/**
 * Every schema change, in order. A migration is never edited once released: the next change is a
 * new file with the next number. They are modules rather than .sql files so the server bundle
 * carries them.
 */
export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: "001-init", sql: init },
  { version: 2, name: "002-qdevice-wizard", sql: qdeviceWizard },
  { version: 3, name: "003-notifications", sql: notifications },
];
