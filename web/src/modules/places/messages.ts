export default {
  zh: { places: { title: '辖区地图与网格', description: '街道边界、责任网格、单元网格、道路与商铺；点击地图查询所属网格', grid: '责任网格', unitGrid: '单元网格', outside: '不在辖区网格内', layers: '图层', boundary: '街道边界', responsibility: '责任网格', unit: '单元网格', roads: '道路', shops: '沿街商铺', buildings: '楼宇', clickHint: '点击地图任意位置，查询所属网格' } },
  en: { places: { title: 'Map and grids', description: 'Boundary, responsibility and unit grids, roads and shops; click to find the grid', grid: 'Responsibility grid', unitGrid: 'Unit grid', outside: 'Not inside any grid', layers: 'Layers', boundary: 'Boundary', responsibility: 'Responsibility grids', unit: 'Unit grids', roads: 'Roads', shops: 'Shops', buildings: 'Buildings', clickHint: 'Click anywhere on the map to find its grid' } },
};
