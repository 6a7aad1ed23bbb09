import { Dialog } from '../../components/Dialog';
import { shortcutList } from '../../plans/shortcuts';

export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  return (
    <Dialog title="Keyboard shortcuts" onClose={onClose} actions={
      <button type="button" className="button button--primary" onClick={onClose}>Close</button>
    }>
      <table className="shortcuts">
        <thead>
          <tr><th scope="col">Key</th><th scope="col">Does</th></tr>
        </thead>
        <tbody>
          {shortcutList.map((s) => (
            <tr key={s.keys}><td><kbd>{s.keys}</kbd></td><td>{s.does}</td></tr>
          ))}
        </tbody>
      </table>
    </Dialog>
  );
}
