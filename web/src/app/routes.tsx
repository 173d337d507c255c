import type { ReactNode } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { MailOutboxPage } from '../features/admin/mail/MailOutboxPage';
import { TeamsPage } from '../features/admin/teams/TeamsPage';
import { UsersPage } from '../features/admin/users/UsersPage';
import { SignInPage } from '../features/auth/SignInPage';
import { CaseListPage } from '../features/cases/CaseListPage';
import { SurveyPage } from '../features/csat/SurveyPage';
import { CasePage } from '../features/cases/CasePage';
import { NewCasePage } from '../features/cases/NewCasePage';
import { canSeeEscalations } from '../features/escalation/access';
import { EscalationAdminPage } from '../features/escalation/EscalationAdminPage';
import { EscalationBoardPage } from '../features/escalation/EscalationBoardPage';
import { HandoffInboxPage } from '../features/handoffs/HandoffInboxPage';
import { canImportHistory } from '../features/imports/access';
import { ImportPage } from '../features/imports/ImportPage';
import { KNOWLEDGE_PAGES } from '../features/knowledge/pages';
import { DASHBOARD_PAGES } from '../features/metrics/pages';
import { canReadRouting } from '../features/routing/access';
import { ROUTING_PAGES } from '../features/routing/pages';
import { SLA_ADMIN_PAGES } from '../features/sla-admin/pages';
import { TemplatesPage } from '../features/templates/TemplatesPage';
import { AppFrame } from '../features/shell/AppFrame';
import { NoAccessPage, NotFoundPage } from '../features/shell/MessagePage';
import { UnavailableAreaPage, type UpcomingArea } from '../features/shell/UnavailableAreaPage';
import { TokensPage } from '../features/tokens/TokensPage';
import { useOptionalSession, useSession } from './session';
import { AREAS, type Abilities, type Session } from './types';
import { caseWorkspace, type CaseWorkspace } from './workspace';

const UPCOMING: UpcomingArea[] = ['qa', 'shifts'];

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/sign-in" element={<SignInPage />} />
      {/* A customer's survey link: public, outside the signed-in shell. */}
      <Route path="/csat/:token" element={<SurveyPage />} />
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
        <Route
          path="cases"
          element={
            <Allowed when={(abilities) => abilities.areas.cases}>
              <CasesHome />
            </Allowed>
          }
        />
        <Route
          path="cases/new"
          element={
            <InWorkspace when={(workspace) => workspace.file}>
              <NewCasePage />
            </InWorkspace>
          }
        />
        <Route
          path="cases/:number"
          element={
            <Allowed when={(abilities) => abilities.areas.cases}>
              <CasePage />
            </Allowed>
          }
        />
        <Route
          path="handoffs"
          element={
            <InWorkspace when={(workspace) => workspace.handoffs}>
              <HandoffInboxPage />
            </InWorkspace>
          }
        />
        <Route
          path="escalations"
          element={
            <SessionAllows when={canSeeEscalations}>
              <EscalationBoardPage />
            </SessionAllows>
          }
        />
        <Route
          path="imports"
          element={
            <SessionAllows when={canImportHistory}>
              <ImportPage />
            </SessionAllows>
          }
        />
        {DASHBOARD_PAGES.map(({ path, element }) => (
          <Route key={path} path={path} element={<Allowed when={(abilities) => abilities.areas.dashboards}>{element}</Allowed>} />
        ))}
        {KNOWLEDGE_PAGES.map(({ path, element }) => (
          <Route key={path} path={path} element={<Allowed when={(abilities) => abilities.areas.knowledge}>{element}</Allowed>} />
        ))}
        {ROUTING_PAGES.map(({ path, element }) => (
          <Route key={path} path={path} element={<SessionAllows when={canReadRouting}>{element}</SessionAllows>} />
        ))}
        <Route
          path="templates"
          element={
            <Allowed when={(abilities) => abilities.templates.manage}>
              <TemplatesPage />
            </Allowed>
          }
        />
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
        <Route
          path="admin/escalation"
          element={
            <Allowed when={(abilities) => abilities.areas.admin}>
              <EscalationAdminPage />
            </Allowed>
          }
        />
        <Route
          path="admin/mail"
          element={
            <Allowed when={(abilities) => abilities.areas.admin}>
              <MailOutboxPage />
            </Allowed>
          }
        />
        {SLA_ADMIN_PAGES.map(({ path, element }) => (
          <Route key={path} path={path} element={<Allowed when={(abilities) => abilities.areas.admin}>{element}</Allowed>} />
        ))}
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

/** For pages whose access /me has no ability for yet (see the `when` helper). */
function SessionAllows({ when, children }: { when: (session: Session) => boolean; children: ReactNode }) {
  const session = useSession();
  return when(session) ? children : <NoAccessPage />;
}

function InWorkspace({ when, children }: { when: (workspace: CaseWorkspace) => boolean; children: ReactNode }) {
  const session = useSession();
  return when(caseWorkspace(session)) ? children : <NoAccessPage />;
}

/** Partners work from their handoff inbox; everyone else lands on the case list. */
function CasesHome() {
  const session = useSession();
  const workspace = caseWorkspace(session);
  if (workspace.caseList) return <CaseListPage />;
  if (workspace.handoffs) return <Navigate to="/handoffs" replace />;
  return <NoAccessPage />;
}

/** Land on the first area this person may open; everyone can manage their API tokens. */
function FirstArea() {
  const session = useSession();
  return <Navigate to={firstPage(session)} replace />;
}

function firstPage(session: Session): string {
  const area = AREAS.find((candidate) => session.abilities.areas[candidate]);
  if (area === 'cases' && !caseWorkspace(session).caseList) return '/handoffs';
  return area ? `/${area}` : '/tokens';
}
