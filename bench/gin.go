package bench

import (
	"hash/crc32"
	"io"
	"net/http"

	"github.com/gin-gonic/gin"
)

// Gin returns the corpus written with gin: gin.New with gin.Recovery (gin's
// Logger is left out, as no other framework here logs requests), in release
// mode.
func Gin() http.Handler {
	gin.SetMode(gin.ReleaseMode)
	r := gin.New()
	r.Use(gin.Recovery())
	r.GET("/hello", ginHello)
	r.GET("/query", ginQuery)
	r.POST("/form", ginForm)
	r.POST("/upload", ginUpload)
	r.GET("/prefs", ginPrefs)
	r.POST("/signup", ginSignup)
	r.GET("/items/:id", ginItem)
	return r
}

func ginHello(c *gin.Context) {
	c.Data(http.StatusOK, "text/html; charset=utf-8", []byte(HelloBody))
}

func ginQuery(c *gin.Context) {
	c.String(http.StatusOK, lines(QueryKeys, c.Query))
}

func ginForm(c *gin.Context) {
	c.String(http.StatusOK, lines(FormKeys, c.PostForm))
}

func ginUpload(c *gin.Context) {
	fh, err := c.FormFile("file")
	if err != nil {
		c.String(http.StatusBadRequest, "no file")
		return
	}
	f, err := fh.Open()
	if err != nil {
		c.String(http.StatusInternalServerError, "cannot read file")
		return
	}
	defer f.Close()
	h := crc32.NewIEEE()
	n, err := io.Copy(h, f)
	if err != nil {
		c.String(http.StatusInternalServerError, "cannot read file")
		return
	}
	c.String(http.StatusOK, uploadSummary(c.PostForm("title"), fh.Filename, n, h.Sum32()))
}

func ginPrefs(c *gin.Context) {
	cookie := func(name string) string {
		v, _ := c.Cookie(name)
		return v
	}
	media := c.NegotiateFormat(MediaOffers...)
	lang := lookupLanguage(c.GetHeader("Accept-Language"), LanguageOffers, DefaultLanguage)
	c.String(http.StatusOK, prefsSummary(cookie, media, lang))
}

func ginSignup(c *gin.Context) {
	var s Signup
	if err := c.ShouldBind(&s); err != nil {
		c.String(http.StatusUnprocessableEntity, invalidSignup)
		return
	}
	c.String(http.StatusOK, s.Summary())
}

func ginItem(c *gin.Context) {
	id := c.Param("id")
	name, ok := items[id]
	if !ok {
		c.JSON(http.StatusNotFound, notFoundDoc(itemDetail(id)))
		return
	}
	c.String(http.StatusOK, itemText(id, name))
}
