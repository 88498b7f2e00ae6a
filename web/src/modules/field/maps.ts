// Open a case's place in the phone's map app. Positions are kept in WGS-84 (GPS); Amap and
// Apple Maps in China take GCJ-02, Baidu its own BD-09 — converted here with gcoord.
import gcoord from 'gcoord';

export interface MapLink {
  app: 'amap' | 'baidu' | 'apple';
  url: string;
}

const r6 = (n: number) => n.toFixed(6);

export function mapLinks(lng: number, lat: number, name: string): MapLink[] {
  const [gl, ga] = gcoord.transform([lng, lat], gcoord.WGS84, gcoord.GCJ02) as [number, number];
  const [bl, ba] = gcoord.transform([lng, lat], gcoord.WGS84, gcoord.BD09) as [number, number];
  const n = encodeURIComponent(name);
  return [
    { app: 'amap', url: `https://uri.amap.com/marker?position=${r6(gl)},${r6(ga)}&name=${n}&coordinate=gaode&callnative=1` },
    { app: 'baidu', url: `https://api.map.baidu.com/marker?location=${r6(ba)},${r6(bl)}&title=${n}&content=${n}&coord_type=bd09ll&output=html&src=webapp.jiedao` },
    { app: 'apple', url: `https://maps.apple.com/?ll=${r6(ga)},${r6(gl)}&q=${n}` },
  ];
}
