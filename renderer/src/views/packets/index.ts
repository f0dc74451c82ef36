export { PacketList, ROW_HEIGHT, lowerBound, type PacketListProps } from './packet-list.tsx';
export { FilterBar, type FilterBarProps } from './filter-bar.tsx';
export { parseFilter, applyFilter, type FilterResult, type FilterError, type Predicate } from './filter.ts';
export { useFilterPredicate, type FilterPredicate } from './byte-filter.ts';
