/** "Copy as": a held token as an export line (POSIX, fish, PowerShell) or as the curl check; copied by main, cleared after the delay. */
import { COPY_FORMAT_LABELS, COPY_FORMATS, type CopyFormat } from '../../../shared/domain/copy-as.js';
import type { AuthorizationView } from '../../../shared/domain/authorization.js';
import { call } from '../../api.js';
import { useToast } from '../common/toast.js';

const SHORT: Record<CopyFormat, string> = { posix: 'export', fish: 'fish', powershell: 'PowerShell', curl: 'curl' };

/** One button per format, named "Copy as export line", "Copy as curl", … */
export function CopyAsButtons({ a }: { a: AuthorizationView }) {
  const toast = useToast();
  const copy = async (format: CopyFormat) => {
    const r = await call('tokens:copy-as', { id: a.id, accountId: a.accountId, format });
    toast(
      r.ok
        ? { text: `Copied “${a.description}” as ${SHORT[format]}. The clipboard is cleared in ${r.value.clearsInSeconds} s.`, tone: 'info' }
        : { text: r.error.message, tone: 'error' },
    );
  };
  return (
    <div className="copy-as" role="group" aria-label="Copy as">
      {COPY_FORMATS.map((f) => (
        <button key={f} type="button" className="btn btn-small" aria-label={COPY_FORMAT_LABELS[f]} onClick={() => void copy(f)}>
          {SHORT[f]}
        </button>
      ))}
    </div>
  );
}
