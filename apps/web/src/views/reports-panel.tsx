import { useState } from 'react';
import { getFile, reportUrl, saveFile } from '../api/download';
import { useScope } from '../components/scope';

const REPORTS = [
  { name: 'uncovered', title: 'Uncovered critical assets' },
  { name: 'posture', title: 'Security posture' },
  { name: 'plan', title: 'Draft security plan' },
];
const FORMATS = [
  { format: 'pdf', title: 'PDF' },
  { format: 'html', title: 'HTML' },
  { format: 'md', title: 'Markdown' },
  { format: 'csv', title: 'CSV' },
  { format: 'json', title: 'JSON' },
];

/**
 * The three reports of the chosen organisation, generated now and downloaded (GET /api/reports
 * with the session's token: a plain link could not carry it).
 */
export function ReportsPanel() {
  const { org } = useScope();
  const [status, setStatus] = useState<{ text: string; error?: boolean }>();
  const [busy, setBusy] = useState(false);

  const download = async (name: string, title: string, format: string, formatTitle: string) => {
    setBusy(true);
    setStatus({ text: `Preparing ${title} (${formatTitle}) of ${org.name}…` });
    try {
      const file = await getFile(reportUrl(name, format, org.id));
      const fileName = file.fileName ?? `rampart-${name}-${org.id}.${format}`;
      saveFile(file.blob, fileName);
      setStatus({ text: `Downloaded ${fileName}.` });
    } catch (e) {
      setStatus({ text: (e as Error).message, error: true });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel" aria-labelledby="reports-title" data-testid="reports">
      <h3 id="reports-title">Reports of {org.name}</h3>
      <table className="reports">
        <tbody>
          {REPORTS.map((r) => (
            <tr key={r.name}>
              <th scope="row">{r.title}</th>
              <td>
                {FORMATS.map((f) => (
                  <button
                    key={f.format}
                    type="button"
                    disabled={busy}
                    aria-label={`${r.title} as ${f.title}`}
                    onClick={() => void download(r.name, r.title, f.format, f.title)}
                  >
                    {f.title}
                  </button>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className={status?.error ? 'error' : 'hint'} role="status" data-testid="report-status">
        {status?.text ?? 'Generated now, as of today, for this organisation only.'}
      </p>
    </section>
  );
}
