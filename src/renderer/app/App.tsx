import { ProfileScreen, ProfilesScreen } from '../features/profiles';
import { OverviewScreen, ReviewScreen } from '../features/review';
import { SandboxStartingDialog, TrySandboxButton } from '../features/sandbox-mode';
import { useAppStore } from '../core/app-store';
import { ErrorBoundary } from './ErrorBoundary';
import { Sidebar } from './Sidebar';
import { Toasts } from './Toasts';

export function App() {
  const route = useAppStore((state) => state.route);
  const allowLoopback = useAppStore((state) => state.info?.allowLoopback ?? false);
  const routeKey = route.screen === 'profile' ? `profile:${route.profileId}` : route.screen;
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <Sidebar />
      <div className="app-content">
        {allowLoopback && (
          <div className="loopback-banner" role="alert">
            <strong>Testing mode (--allow-loopback).</strong> Profiles may point at plain-http servers on this computer. Never use
            this with real tokens.
          </div>
        )}
        <ErrorBoundary scope="screen" resetKey={routeKey}>
          {route.screen === 'profiles' ? (
            <ProfilesScreen TrySandbox={TrySandboxButton} />
          ) : route.screen === 'review' ? (
            <ReviewScreen target={route.target} />
          ) : route.screen === 'overview' ? (
            <OverviewScreen />
          ) : (
            <ProfileScreen key={route.profileId} profileId={route.profileId} tab={route.tab} />
          )}
        </ErrorBoundary>
      </div>
      <SandboxStartingDialog />
      <Toasts />
    </div>
  );
}
