-- post.lua: wrk sends the corpus "form" body (bench.FormBody, checked by TestLuaBody) as an urlencoded POST.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.body = "firstname=Ada&lastname=Lovelace&email=ada%40example.com&phone=%2B442071234567&street=12+St+James%27s+Square&city=London&zip=SW1Y+4JH&country=GB&company=Analytical+Engines&message=Hello+%26+welcome%21"
