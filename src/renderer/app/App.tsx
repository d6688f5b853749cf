import { ProfileScreen } from '../features/profile/ProfileScreen';
import { ProfilesScreen } from '../features/profiles/ProfilesScreen';
import { SandboxStartingDialog } from '../features/sandbox-mode/SandboxStartingDialog';
import { useAppStore } from './app-store';
import { ErrorBoundary } from './ErrorBoundary';
import { Sidebar } from './Sidebar';
import { Toasts } from './Toasts';

export function App() {
  const route = useAppStore((state) => state.route);
  const routeKey = route.screen === 'profile' ? `profile:${route.profileId}` : 'profiles';
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <Sidebar />
      <div className="app-content">
        <ErrorBoundary scope="screen" resetKey={routeKey}>
          {route.screen === 'profiles' ? (
            <ProfilesScreen />
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
