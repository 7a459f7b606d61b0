// world-atlas ships its TopoJSON without types; typing the import by hand spares the type checker from inferring
// a type from 110 KB of coordinates. world-map.tsx reads it as a topojson-specification Topology.
declare module 'world-atlas/countries-110m.json' {
  const topology: unknown;
  export default topology;
}
