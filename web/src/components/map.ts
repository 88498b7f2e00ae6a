import type L from 'leaflet';

export interface MapLayer {
  id: string;
  data: GeoJSON.FeatureCollection;
  style?: L.PathOptions | ((f?: GeoJSON.Feature) => L.PathOptions);
  point?: (f: GeoJSON.Feature, latlng: L.LatLng) => L.Layer;
  tooltip?: (f: GeoJSON.Feature) => string | undefined;
  onClick?: (f: GeoJSON.Feature) => void;
}
