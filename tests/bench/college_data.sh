# Sourced by the benchmarks: the generated college, cached per size in
# ${BPV_BENCH_DATA:-BUILD_DIR/bench-data}/PLACEMENTS/ and regenerated when the generator is newer.
# Needs: $build_dir, $placements, $gen and a die() function. Sets: $data_root, $data.

data_root=${BPV_BENCH_DATA:-$build_dir/bench-data}
data=$data_root/$placements
gen_args=(--placements "$placements")
if [[ ! -f $data/stamp || $gen -nt $data/stamp || $(<"$data/stamp") != "${gen_args[*]}" ]]; then
  echo "generating $placements placements into $data ..."
  mkdir -p "$data_root"
  fresh=$(mktemp -d "$data_root/.gen.XXXXXX")
  gen_start=$EPOCHREALTIME
  if ! "$gen" "${gen_args[@]}" --out "$fresh"; then
    rm -rf "$fresh"
    die "bpv-gen-college failed"
  fi
  echo "${gen_args[*]}" >"$fresh/stamp"
  rm -rf "$data"
  mv "$fresh" "$data"
  awk -v a="$gen_start" -v b="$EPOCHREALTIME" 'BEGIN { printf "generated in %.2f s\n", b - a }'
else
  echo "reusing $data"
fi
