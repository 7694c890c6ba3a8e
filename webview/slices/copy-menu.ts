/**
 * Copy as…: a menu of request formats (cURL for POSIX shells, PowerShell, JavaScript fetch). The host writes the
 * text; in every format the key is read from the BRELLA_API_KEY environment variable.
 */
import { buildMenu } from '../shared/menu';
import { withShortcut } from '../shared/shortcuts';
import { t } from '../shared/l10n';

export type CopyFormat = 'curl' | 'powershell' | 'fetch';

export function buildCopyMenu(onCopy: (format: CopyFormat) => void): { root: HTMLElement } {
  return buildMenu<CopyFormat>({
    id: 'copy-as',
    menuId: 'copy-menu',
    itemId: 'copy',
    label: t('Copy as… ▾'),
    title: t('Copy the request for these filters as cURL, PowerShell or JavaScript fetch (the key stays out of it)'),
    menuLabel: t('Copy the request as'),
    items: [
      { key: 'curl', label: t('Copy as cURL'), title: withShortcut(t('A curl command for bash, zsh or sh; the key is read from $BRELLA_API_KEY'), 'copyCurl') },
      { key: 'powershell', label: t('Copy as PowerShell'), title: t('Invoke-WebRequest for PowerShell; the key is read from $env:BRELLA_API_KEY') },
      { key: 'fetch', label: t('Copy as JavaScript fetch'), title: t('fetch() for Node.js 18+; the key is read from process.env.BRELLA_API_KEY') },
    ],
  }, onCopy);
}
