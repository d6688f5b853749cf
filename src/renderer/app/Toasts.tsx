import { Icon, type IconName } from '../components/Icon';
import { useToastStore, type ToastTone } from '../core/toast-store';

const toneIcons: Record<ToastTone, IconName> = { error: 'failCircle', warning: 'alert', success: 'passCircle', info: 'info' };

/**
 * Two live regions: errors are announced assertively, everything else politely. Both exist from
 * the start so screen readers pick up what lands in them.
 */
export function Toasts() {
  const toasts = useToastStore((state) => state.toasts);
  const dismiss = useToastStore((state) => state.dismiss);
  const urgent = toasts.filter((t) => t.tone === 'error');
  const calm = toasts.filter((t) => t.tone !== 'error');
  const render = (list: typeof toasts) =>
    list.map((t) => (
      <div key={t.id} className={`toast toast-${t.tone}`} data-testid="toast">
        <Icon name={toneIcons[t.tone]} size={18} className="toast-icon" />
        <div className="toast-body">
          <p className="toast-title">{t.title}</p>
          {t.message && <p className="toast-message">{t.message}</p>}
          {t.hint && <p className="toast-hint">{t.hint}</p>}
          {t.actions && t.actions.length > 0 && (
            <div className="toast-actions">
              {t.actions.map((action) => (
                <button
                  key={action.label}
                  type="button"
                  className="btn btn-small btn-secondary"
                  onClick={() => {
                    dismiss(t.id);
                    action.run();
                  }}
                >
                  {action.label}
                </button>
              ))}
            </div>
          )}
        </div>
        <button type="button" className="icon-button toast-close" aria-label="Dismiss notification" onClick={() => dismiss(t.id)}>
          <Icon name="x" size={14} />
        </button>
      </div>
    ));
  return (
    <div className="toasts">
      <div role="alert" aria-live="assertive" className="toast-stack">
        {render(urgent)}
      </div>
      <div role="status" aria-live="polite" className="toast-stack">
        {render(calm)}
      </div>
    </div>
  );
}
