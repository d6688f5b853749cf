import './core/install-api';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { bootstrap } from './app/bootstrap';
import { Disconnected, ErrorBoundary } from './app/ErrorBoundary';
import './styles/tokens.css';
import './styles/base.css';
import './styles/components.css';
import './styles/screens.css';

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
