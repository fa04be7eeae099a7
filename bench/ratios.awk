# ratios.awk turns `go test -bench . -benchmem -count N` output into Markdown tables:
# for each BenchmarkCorpus and BenchmarkHelloWebOb item, the median ns/op, B/op and allocs/op of
# every framework and its ratios to raw net/http (nethttp) from the same run.
#
#	go test -run XXX -bench . -benchmem -count 5 | tee bench.txt | awk -f ratios.awk
/^Benchmark(Corpus|HelloWebOb)\// {
	name = $1
	sub(/-[0-9]+$/, "", name)
	n = split(name, p, "/")
	item = p[1] "/" p[2]
	fw = p[3]
	if (!(item in seenItem)) { seenItem[item] = 1; items[++nItems] = item }
	if (!((item, fw) in seenFw)) { seenFw[item, fw] = 1; fws[item, ++nFw[item]] = fw }
	k = ++count[item, fw]
	ns[item, fw, k] = $3; bytes[item, fw, k] = $5; allocs[item, fw, k] = $7
}
function median(arr, item, fw, c,   i, j, t, v) {
	for (i = 1; i <= c; i++) v[i] = arr[item, fw, i] + 0
	for (i = 2; i <= c; i++) for (j = i; j > 1 && v[j] < v[j-1]; j--) { t = v[j]; v[j] = v[j-1]; v[j-1] = t }
	return (c % 2) ? v[(c+1)/2] : (v[c/2] + v[c/2+1]) / 2
}
END {
	for (i = 1; i <= nItems; i++) {
		item = items[i]
		printf "\n#### %s\n\n| framework | ns/op | B/op | allocs/op | ns ratio | B ratio | allocs ratio |\n|---|---:|---:|---:|---:|---:|---:|\n", item
		c0 = count[item, "nethttp"]
		bn = median(ns, item, "nethttp", c0); bb = median(bytes, item, "nethttp", c0); ba = median(allocs, item, "nethttp", c0)
		for (j = 1; j <= nFw[item]; j++) {
			fw = fws[item, j]; c = count[item, fw]
			n = median(ns, item, fw, c); b = median(bytes, item, fw, c); a = median(allocs, item, fw, c)
			printf "| %s | %.0f | %.0f | %.0f | %.2f | %.2f | %.2f |\n", fw, n, b, a, n / bn, (bb ? b / bb : 0), (ba ? a / ba : 0)
		}
	}
}
