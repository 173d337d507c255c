import { AppShell, Burger, Group, NavLink, ScrollArea, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { NavLink as RouterNavLink, Outlet, useLocation } from 'react-router';
import { useSession, useUpdateMe } from '../../app/session';
import type { Area, Locale } from '../../app/types';
import { LanguageSwitcher } from '../../components/LanguageSwitcher';
import { problemMessage } from '../../components/problems';
import { caseWorkspace } from '../../app/workspace';
import { canSeeEscalations } from '../escalation/access';
import { canImportHistory } from '../imports/access';
import { canEditRouting } from '../routing/access';
import { NotificationBell } from '../notifications/NotificationBell';
import i18n from '../../i18n';
import { UserMenu } from './UserMenu';

/** The signed-in frame: header, navigation by ability, and the current page. */
export function AppFrame() {
  const { t } = useTranslation();
  const session = useSession();
  const { abilities } = session;
  const workspace = caseWorkspace(session);
  const [navOpen, nav] = useDisclosure(false);
  const { pathname } = useLocation();
  const updateMe = useUpdateMe();

  function changeLocale(locale: Locale) {
    const previous = i18n.language;
    // Switch at once; the server only has to remember it for the next visit.
    void i18n.changeLanguage(locale);
    updateMe.mutate(
      { locale },
      {
        onError: (error) => {
          void i18n.changeLanguage(previous);
          notifications.show({ color: 'red', title: t('language.saveFailed'), message: problemMessage(error, t) });
        },
      },
    );
  }

  // Partners answer handoffs rather than browse cases; staff get both.
  const areas: { area: Exclude<Area, 'admin'> | 'handoffs' | 'imports' | 'escalations' | 'routing' | 'templates'; label: string; visible: boolean }[] = [
    { area: 'cases', label: t('nav.cases'), visible: abilities.areas.cases && workspace.caseList },
    { area: 'handoffs', label: t('nav.handoffs'), visible: workspace.handoffs },
    { area: 'escalations', label: t('escalation.nav'), visible: canSeeEscalations(session) },
    { area: 'dashboards', label: t('nav.dashboards'), visible: abilities.areas.dashboards },
    { area: 'knowledge', label: t('nav.knowledge'), visible: abilities.areas.knowledge },
    { area: 'qa', label: t('nav.qa'), visible: abilities.areas.qa },
    { area: 'shifts', label: t('nav.shifts'), visible: abilities.areas.shifts },
    { area: 'imports', label: t('imports.nav'), visible: canImportHistory(session) },
    { area: 'routing', label: t('routing.nav'), visible: canEditRouting(session) },
    { area: 'templates', label: t('templates.nav'), visible: abilities.templates.manage },
  ];
  const adminPages = [
    { to: '/admin/users', label: t('nav.users'), visible: abilities.users.read, testId: 'nav-admin-users' },
    { to: '/admin/teams', label: t('nav.teams'), visible: abilities.teams.read, testId: 'nav-admin-teams' },
    { to: '/admin/calendars', label: t('slaAdmin.nav.calendars'), visible: abilities.areas.admin, testId: 'nav-admin-calendars' },
    { to: '/admin/sla-policies', label: t('slaAdmin.nav.policies'), visible: abilities.areas.admin, testId: 'nav-admin-sla-policies' },
    { to: '/admin/escalation', label: t('escalation.admin.nav'), visible: abilities.areas.admin, testId: 'nav-admin-escalation' },
    { to: '/admin/mail', label: t('mailOutbox.nav'), visible: abilities.areas.admin, testId: 'nav-admin-mail' },
  ].filter((page) => page.visible);

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 232, breakpoint: 'sm', collapsed: { mobile: !navOpen } }}
      padding="lg"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={navOpen} onClick={nav.toggle} hiddenFrom="sm" size="sm" aria-label={t('nav.toggle')} />
            <Text fw={700} size="lg" data-testid="product-name">
              Closeloop
            </Text>
          </Group>
          <Group gap="xs" wrap="nowrap">
            <LanguageSwitcher onChange={changeLocale} busy={updateMe.isPending} />
            <NotificationBell />
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="xs" aria-label={t('nav.label')} data-testid="app-nav">
        <AppShell.Section grow component={ScrollArea}>
          {areas
            .filter(({ visible }) => visible)
            .map(({ area, label }) => (
              <NavLink
                key={area}
                component={RouterNavLink}
                to={`/${area}`}
                label={label}
                // Partners open cases from their inbox; the inbox stays the place they are in.
                active={
                  pathname.startsWith(`/${area}`) ||
                  (area === 'handoffs' && !workspace.caseList && pathname.startsWith('/cases'))
                }
                onClick={nav.close}
                data-testid={`nav-${area}`}
              />
            ))}
          {abilities.areas.admin && adminPages.length > 0 && (
            <NavLink
              label={t('nav.admin')}
              defaultOpened={pathname.startsWith('/admin')}
              active={pathname.startsWith('/admin')}
              variant="subtle"
              data-testid="nav-admin"
            >
              {adminPages.map((page) => (
                <NavLink
                  key={page.to}
                  component={RouterNavLink}
                  to={page.to}
                  label={page.label}
                  active={pathname.startsWith(page.to)}
                  onClick={nav.close}
                  data-testid={page.testId}
                />
              ))}
            </NavLink>
          )}
        </AppShell.Section>
      </AppShell.Navbar>

      <AppShell.Main>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
