// The responsibility grids, fetched once per page (the workbench's mini-map reopens often).
import { get } from '../../api';

let grids: Promise<GeoJSON.FeatureCollection> | undefined;
export function responsibilityGrids(): Promise<GeoJSON.FeatureCollection> {
  grids ??= get<GeoJSON.FeatureCollection>('/api/v1/places/geojson/responsibility').catch((e) => {
    grids = undefined;
    throw e;
  });
  return grids;
}
