import './core/install-api';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { bootstrap } from './app/bootstrap';
import { Disconnected, ErrorBoundary } from './app/ErrorBoundary';
// Every stylesheet, in cascade order: shared tokens and components first, then the shell, then
// each feature, so a feature's override wins a tie with a shared rule. Each sheet lives beside
// what it styles; this list is the one place that orders them.
import './styles/tokens.css';
import './styles/base.css';
import './styles/controls.css';
import './styles/components.css';
import './app/toasts.css';
import './styles/screens.css';
import './features/profiles/profiles.css';
import './features/profiles/profile-screen.css';
import './features/credentials/credentials.css';
import './features/scim-check/scim-check.css';
import './features/sandbox-mode/sandbox-mode.css';
import './features/setup/setup.css';
import './features/setup/panel/panel.css';
import './features/setup/panel/findings.css';
import './features/setup/inputs/inputs.css';
import './features/setup/inputs/tables.css';
import './features/setup/summary.css';
import './features/review/review.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');

// window.api comes from the Electron preload or the browser host's bridge; without it there is nothing to show.
const connected = typeof window.api === 'object' && window.api !== null;
if (connected) bootstrap();

createRoot(root).render(
  <StrictMode>
    <ErrorBoundary>{connected ? <App /> : <Disconnected />}</ErrorBoundary>
  </StrictMode>,
);
