// Registers the React components of components/ with the AdminJS ComponentLoader.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ComponentLoader } from 'adminjs';

const COMPONENTS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../components');

/** Component name → file in components/ (without extension). */
const COMPONENT_FILES: Record<string, string> = {
  DialogShow: 'DialogShow',
  DialogStatusBadge: 'DialogStatusBadge',
  DialogStatusFilter: 'DialogStatusFilter',
  MoneyCell: 'MoneyCell',
  FrameCode: 'FrameCode',
  ConnectFacebook: 'ConnectFacebook',
  DeleteChat: 'DeleteChat',
  EraseClient: 'EraseClient',
  Dashboard: 'Dashboard',
  ExportReport: 'ExportReport',
  ReportsPage: 'ReportsPage',
  BotRulesEdit: 'BotRulesEdit',
  OperatorAction: 'OperatorAction',
  ListText: 'ListText',
  ShowOrDash: 'ShowOrDash',
  OriginsCell: 'OriginsCell',
  ChatPrices: 'ChatPrices',
  ShortIdCell: 'ShortIdCell',
  ReferenceCell: 'ReferenceCell',
  CappedTotalList: 'CappedTotalList',
  RetentionSummary: 'RetentionSummary',
};

/** AdminJS core components replaced by this plugin (ComponentLoader.override). */
const OVERRIDES: Record<string, string> = {
  // the record's title as the heading of actions with `custom: { recordTitle: true }`
  ActionHeader: 'RecordActionHeader',
};


/** Registered names carry this prefix, so they never meet a host's or another package's. */
export const COMPONENT_PREFIX = 'Chats';

export function registerComponents(loader: ComponentLoader): Record<string, string> {
  const names: Record<string, string> = {};
  for (const [name, file] of Object.entries(COMPONENT_FILES)) {
    // adding the same file under the same name again is allowed (a second plugin instance)
    names[name] = loader.add(`${COMPONENT_PREFIX}${name}`, path.join(COMPONENTS_DIR, file));
  }
  for (const [name, file] of Object.entries(OVERRIDES)) {
    loader.override(name, path.join(COMPONENTS_DIR, file));
  }
  return names;
}
