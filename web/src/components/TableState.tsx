import { Center, Loader, Text } from '@mantine/core';

/** What sits under a table while it loads or when nothing matches. */
export function TableState({ loading, empty, emptyText }: { loading: boolean; empty: boolean; emptyText: string }) {
  if (loading) {
    return (
      <Center py="xl">
        <Loader size="sm" />
      </Center>
    );
  }
  if (!empty) return null;
  return (
    <Text c="dimmed" ta="center" py="xl" data-testid="table-empty">
      {emptyText}
    </Text>
  );
}
