import { Component, type ErrorInfo, type ReactNode } from 'react';
import { LogoMark } from '../components/Icon';

interface Props {
  children: ReactNode;
  /** Shown in the fallback heading: "This screen hit a problem" vs the whole window. */
  scope?: 'window' | 'screen';
  /** Changing this (e.g. the route) clears a caught error so navigating away recovers. */
  resetKey?: string;
}

interface State {
  failed: boolean;
}

/** A render bug never leaves a blank window: a friendly fallback with a way back. */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { failed: false };

  static getDerivedStateFromError(): State {
    return { failed: true };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    // The detail goes to DevTools / the log, never onto the screen.
    console.error('Renderer error', error, info.componentStack);
  }

  override componentDidUpdate(previous: Props): void {
    if (this.state.failed && previous.resetKey !== this.props.resetKey) this.setState({ failed: false });
  }

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    return (
      <main className="fatal" data-state="crashed" aria-labelledby="fatal-title">
        <div className="fatal-card">
          <LogoMark size={40} />
          <h1 id="fatal-title">{this.props.scope === 'screen' ? 'This screen hit a problem' : 'The console hit a problem'}</h1>
          <p>
            Something unexpected happened while drawing the window. Your profiles and the tokens in your keychain are not
            affected.
          </p>
          <div className="fatal-actions">
            <button type="button" className="btn btn-primary" onClick={() => this.setState({ failed: false })}>
              Try again
            </button>
            <button type="button" className="btn btn-secondary" onClick={() => window.location.reload()}>
              Reload the window
            </button>
          </div>
        </div>
      </main>
    );
  }
}

/** When the page was opened without the console behind it (no window.api). */
export function Disconnected() {
  return (
    <main className="fatal" data-state="disconnected" aria-labelledby="fatal-title">
      <div className="fatal-card">
        <LogoMark size={40} />
        <h1 id="fatal-title">Not connected to the console</h1>
        <p>
          This page needs the ThreatLocker × Okta Console running behind it. Open it from the desktop app, or use the
          link the browser host printed (it carries a one-time token).
        </p>
      </div>
    </main>
  );
}
