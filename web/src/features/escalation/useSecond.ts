import { useEffect, useState } from 'react';

/** The time now, moving every second while the component is shown (the board's ticking spans). */
export function useSecond(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return now;
}
