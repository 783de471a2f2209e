import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Region, WaterBody, Watershed } from '../shared/api/places';
import type { Output } from '../shared/api/index';
import { call } from './api';

type Info = Output<'workspace.info'>;
export type Directories = {
  info: Info;
  regions: Region[];
  towns: Region[];
  villagesOf(townCode: string): Region[];
  regionName(code: string | null | undefined): string;
  watersheds: Watershed[];
  waterBodies: WaterBody[];
  reload(): Promise<void>;
};

const Ctx = createContext<Directories | null>(null);

/** The small directories every page needs (regions, water, settings, who is working), loaded once. */
export function DirectoriesProvider({ children, fallback }: { children: ReactNode; fallback: ReactNode }) {
  const [data, setData] = useState<{ info: Info; regions: Region[]; water: Output<'places.water'> } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(async () => {
    try {
      const [info, regions, water] = await Promise.all([call('workspace.info', {}), call('places.regions', {}), call('places.water', {})]);
      setData({ info, regions, water });
    } catch (e) {
      setError((e as Error).message);
    }
  }, []);
  useEffect(() => { void reload(); }, [reload]);
  const value = useMemo<Directories | null>(() => {
    if (!data) return null;
    const byCode = new Map(data.regions.map((r) => [r.code, r]));
    return {
      info: data.info, regions: data.regions,
      towns: data.regions.filter((r) => r.level === 'town'),
      villagesOf: (town) => data.regions.filter((r) => r.level === 'village' && r.parentCode === town),
      regionName: (code) => (code ? byCode.get(code)?.name ?? code : ''),
      watersheds: data.water.watersheds, waterBodies: data.water.waterBodies, reload,
    };
  }, [data, reload]);
  if (error) return <div className="fatal">无法打开工作区：{error}</div>;
  if (!value) return <>{fallback}</>;
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useDirectories(): Directories {
  const v = useContext(Ctx);
  if (!v) throw new Error('DirectoriesProvider missing');
  return v;
}

/** The directories when the page is inside the workspace (null on the sign-in page, before anyone signs in). */
export function useOptionalDirectories(): Directories | null {
  return useContext(Ctx);
}
