import type { ReactNode } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { TeamsPage } from '../features/admin/teams/TeamsPage';
import { UsersPage } from '../features/admin/users/UsersPage';
import { SignInPage } from '../features/auth/SignInPage';
import { AppFrame } from '../features/shell/AppFrame';
import { NoAccessPage, NotFoundPage } from '../features/shell/MessagePage';
import { UnavailableAreaPage, type UpcomingArea } from '../features/shell/UnavailableAreaPage';
import { TokensPage } from '../features/tokens/TokensPage';
import { useOptionalSession, useSession } from './session';
import { AREAS, type Abilities } from './types';

const UPCOMING: UpcomingArea[] = ['cases', 'dashboards', 'knowledge', 'qa', 'shifts'];

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/sign-in" element={<SignInPage />} />
      <Route
        element={
          <RequireSession>
            <AppFrame />
          </RequireSession>
        }
      >
        <Route index element={<FirstArea />} />
        {UPCOMING.map((area) => (
          <Route
            key={area}
            path={area}
            element={
              <Allowed when={(abilities) => abilities.areas[area]}>
                <UnavailableAreaPage area={area} />
              </Allowed>
            }
          />
        ))}
        <Route path="admin" element={<Navigate to="/admin/users" replace />} />
        <Route
          path="admin/users"
          element={
            <Allowed when={(abilities) => abilities.areas.admin && abilities.users.read}>
              <UsersPage />
            </Allowed>
          }
        />
        <Route
          path="admin/teams"
          element={
            <Allowed when={(abilities) => abilities.areas.admin && abilities.teams.read}>
              <TeamsPage />
            </Allowed>
          }
        />
        <Route path="tokens" element={<TokensPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}

function RequireSession({ children }: { children: ReactNode }) {
  const session = useOptionalSession();
  const location = useLocation();
  if (!session) return <Navigate to="/sign-in" replace state={{ from: location.pathname + location.search }} />;
  return children;
}

/** The server computes abilities; the UI only reads them (it never re-derives roles). */
function Allowed({ when, children }: { when: (abilities: Abilities) => boolean; children: ReactNode }) {
  const { abilities } = useSession();
  return when(abilities) ? children : <NoAccessPage />;
}

/** Land on the first area this person may open; everyone can manage their API tokens. */
function FirstArea() {
  const { abilities } = useSession();
  const area = AREAS.find((candidate) => abilities.areas[candidate]);
  return <Navigate to={area ? `/${area}` : '/tokens'} replace />;
}
